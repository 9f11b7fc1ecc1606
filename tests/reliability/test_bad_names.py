"""Folder and file names an operator did not mean: each is read, reported or served safely."""

from __future__ import annotations

import json
import unicodedata

import pytest
from click.testing import CliRunner

from klimaviden.cli import main
from reliability_helpers import copy_taxonomy, note, write_files
from webapp import create_app


@pytest.fixture
def runner():
    return CliRunner()


def reindex_json(runner, corpus, index, *extra):
    result = runner.invoke(main, ["reindex", "--json", "--workers", "1", "--corpus", str(corpus), "--index", str(index), *extra])
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


def test_a_folder_named_with_an_impossible_date_is_indexed_without_a_date(runner, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copy_taxonomy(corpus)
    write_files(corpus, {"2021-02-30-moede/referat.txt": note("Referat om havvindmøller", "Netværket drøftede havvindmøller.")})
    index = tmp_path / "ix"
    for extra in ((), ("--full",)):
        result, report = reindex_json(runner, corpus, index, *extra)
        assert result.exit_code == 0, result.output
        assert report["failed"] == [] and report["documents"] == 1

    found = runner.invoke(main, ["search", "havvindmøller", "--json", "--corpus", str(corpus), "--index", str(index)])
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)["results"][0]["meeting_date"] is None

    shown = runner.invoke(main, ["show", str(corpus / "2021-02-30-moede/referat.txt"), "--json", "--corpus", str(corpus)])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout)["title"] == "Referat om havvindmøller"


def test_a_file_named_with_line_breaks_is_served_with_a_safe_rfc6266_name(runner, tmp_path):
    corpus = tmp_path / "corpus"
    write_files(corpus, {
        "noter/notat\r\nom vand æ.txt": note("Notat om grundvand", "Grundvand og klima i kommunen."),
        "noter/oplæg\x07\"skybrud\".docx": b"PK\x03\x04 not really a Word file",
    })
    index = tmp_path / "ix"
    result, _ = reindex_json(runner, corpus, index)
    assert result.exit_code in (0, 1), result.output
    client = create_app({"TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": index}).test_client()
    hit = client.get("/api/search?q=grundvand").get_json()["results"][0]
    with client.get(f"/fil/{hit['id']}") as response:
        assert response.status_code == 200
        assert response.data.decode("utf-8").startswith("Notat om grundvand")
        assert response.headers["Content-Disposition"] == (
            "inline; filename=\"notat om vand ae.txt\"; filename*=UTF-8''notat%20om%20vand%20%C3%A6.txt"
        )


@pytest.mark.parametrize("other", ["noter\\vådområde.txt", unicodedata.normalize("NFD", "noter/vådområde.txt")])
def test_twins_keep_one_document_and_later_runs_change_nothing(runner, tmp_path, other):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_files(corpus, {
        "noter/vådområde.txt": note("Notat om tidevand", "Tidevand og stormflod."),
        other: note("Notat om tidevand, kopi", "Tidevand og stormflod, en anden udgave."),
    })
    index = tmp_path / "ix"
    result, first = reindex_json(runner, corpus, index)
    assert first["documents"] == 1
    for _ in range(2):
        result, again = reindex_json(runner, corpus, index)
        assert (again["added"], again["updated"], again["deleted"]) == (0, 0, 0), again
    found = runner.invoke(main, ["search", "tidevand", "--json", "--corpus", str(corpus), "--index", str(index)])
    assert [r["title"] for r in json.loads(found.stdout)["results"]] == ["Notat om tidevand"]
