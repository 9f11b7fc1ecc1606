"""reindex, search, show and stats as a cron job or a coordinator runs them."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from klimaviden.cli import main

REINDEX_KEYS = {"added", "updated", "deleted", "unchanged", "skipped", "failed", "documents", "passages", "ocr_pages",
                "seconds"}


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def small_corpus(tmp_path, sample_corpus):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("taxonomy.toml", "entities.toml"):
        shutil.copy(sample_corpus / name, corpus / name)
    (corpus / "skybrud.md").write_text(
        "# Skybrudsplan for Vejle\n\nDato: 12. januar 2023\n\n"
        "Kommunens skybrudsplan beskytter mod skybrud og oversvømmelse. Klimatilpasning og "
        "skybrudssikring af byen er netværkets tema.\n",
        encoding="utf-8",
    )
    return corpus


def invoke_json(runner, args):
    result = runner.invoke(main, args)
    return result, (json.loads(result.stdout) if result.stdout.strip() else None)


def test_reindex_json_prints_one_object_and_exits_0(runner, small_corpus, tmp_path):
    result, report = invoke_json(runner, ["reindex", "--json", "--corpus", str(small_corpus), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 0, result.output
    assert set(report) == REINDEX_KEYS
    assert report["added"] == 1 and report["documents"] == 1 and report["failed"] == []


def test_reindex_again_changes_nothing(runner, small_corpus, tmp_path):
    args = ["reindex", "--json", "--corpus", str(small_corpus), "--index", str(tmp_path / "ix")]
    invoke_json(runner, args)
    result, report = invoke_json(runner, args)
    assert result.exit_code == 0
    assert (report["added"], report["updated"], report["deleted"], report["unchanged"]) == (0, 0, 0, 1)


def test_a_broken_file_exits_1_and_the_rest_is_searchable(runner, small_corpus, tmp_path):
    (small_corpus / "oplaeg.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog")
    index_dir = str(tmp_path / "ix")
    result, report = invoke_json(runner, ["reindex", "--json", "--corpus", str(small_corpus), "--index", index_dir])
    assert result.exit_code == 1
    assert [f["path"] for f in report["failed"]] == ["oplaeg.pdf"]
    assert report["failed"][0]["error"]
    result, found = invoke_json(runner, ["search", "skybrud", "--json", "--corpus", str(small_corpus), "--index", index_dir])
    assert result.exit_code == 0
    assert found["total"] == 1


@pytest.fixture
def indexed(runner, small_corpus, tmp_path):
    index_dir = tmp_path / "ix"
    assert runner.invoke(main, ["reindex", "--corpus", str(small_corpus), "--index", str(index_dir)]).exit_code == 0
    return ["--corpus", str(small_corpus), "--index", str(index_dir)]


def test_search_json_has_the_documented_fields(runner, indexed):
    result, found = invoke_json(runner, ["search", "skybrud", "--json", *indexed])
    assert result.exit_code == 0
    assert {"query", "total", "page", "results", "facets", "suggestion"} <= set(found)
    hit = found["results"][0]
    assert {"id", "title", "path", "type", "date", "published", "meeting_date", "themes", "topics",
            "organizations", "page", "snippet", "score"} <= set(hit)
    assert hit["path"] == "skybrud.md"
    assert hit["date"] == "2023-01-12"
    assert "<mark>" in hit["snippet"]
    assert set(found["facets"]) == {"topic", "theme", "type", "year", "organization", "presenter"}


def test_search_prints_a_readable_list(runner, indexed):
    result = runner.invoke(main, ["search", "skybrudsplan", *indexed])
    assert result.exit_code == 0
    assert "Skybrudsplan for Vejle" in result.output
    assert "2023-01-12" in result.output
    assert "<mark>" not in result.output


@pytest.mark.parametrize(
    "args, named",
    [
        (["--from", "2021-13-01"], "2021-13-01"),
        (["--topic", "no-such-topic"], "no-such-topic"),
        (["--page", "-1"], "page"),
    ],
)
def test_bad_search_input_exits_2_naming_the_problem(runner, indexed, args, named):
    result = runner.invoke(main, ["search", "skybrud", *args, *indexed])
    assert result.exit_code == 2
    assert named in result.output


def test_show_prints_the_record_without_indexing(runner, small_corpus, tmp_path):
    result = runner.invoke(main, ["show", str(small_corpus / "skybrud.md"), "--json", "--corpus", str(small_corpus)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"] == "Skybrudsplan for Vejle"
    assert record["path"] == "skybrud.md"
    assert "klimatilpasning" in [t["slug"] for t in record["topics"]]
    assert not (tmp_path / "ix").exists()


def test_stats_reports_counts(runner, indexed):
    result = runner.invoke(main, ["stats", "--json", *indexed])
    assert result.exit_code == 0
    figures = json.loads(result.stdout)
    assert figures["documents"] == 1


def test_search_and_show_know_the_presenter(runner, small_corpus, tmp_path):
    talk = small_corpus / "oplaeg-varmeplaner.md"
    talk.write_text("# Oplæg: Varmeplaner i praksis\n\nOplæg ved Mette Kjærgaard Lund, planchef, Aalborg Kommune\n\n"
                    "Fjernvarme og varmepumper i landsbyerne.\n", encoding="utf-8")
    args = ["--corpus", str(small_corpus), "--index", str(tmp_path / "ix")]
    assert runner.invoke(main, ["reindex", *args]).exit_code == 0
    result, found = invoke_json(runner, ["search", "--presenter", "Mette Kjærgaard Lund", "--json", *args])
    assert result.exit_code == 0
    assert [hit["path"] for hit in found["results"]] == ["oplaeg-varmeplaner.md"]
    assert found["results"][0]["presenters"][0]["role"] == "planchef"
    result, record = invoke_json(runner, ["show", str(talk), "--json", "--corpus", str(small_corpus)])
    assert record["presenters"] == [{"name": "Mette Kjærgaard Lund", "role": "planchef", "organization": "Aalborg Kommune"}]
    text = runner.invoke(main, ["show", str(talk), "--corpus", str(small_corpus)]).output
    assert "oplægsholdere: Mette Kjærgaard Lund, planchef, Aalborg Kommune" in text
