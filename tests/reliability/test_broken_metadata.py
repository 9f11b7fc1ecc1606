"""Broken metadata loses nothing: a typo in a sidecar or meeting.toml is reported, and the
documents it covers stay searchable with what their files and folder names say."""

from __future__ import annotations

import json

from click.testing import CliRunner

from klimaviden.cli import main
from reliability_helpers import corpus_a, write_files
from webapp import create_app


def reindex(corpus, index):
    result = CliRunner().invoke(main, ["reindex", "--json", "--workers", "1", "--corpus", str(corpus), "--index", str(index)])
    return result.exit_code, json.loads(result.stdout)


def titles(corpus, index, query):
    result = CliRunner().invoke(main, ["search", query, "--json", "--corpus", str(corpus), "--index", str(index)])
    return [r["title"] for r in json.loads(result.stdout)["results"]]


def test_a_broken_sidecar_and_meeting_toml_keep_their_documents_searchable(tmp_path):
    corpus, index = corpus_a(tmp_path / "corpus"), tmp_path / "ix"
    write_files(corpus, {"noter/makrel.txt.meta.toml": 'title = "Makrelnotatet"\n'})
    code, first = reindex(corpus, index)
    assert code == 0 and first["documents"] == 10
    assert titles(corpus, index, "makrel") == ["Makrelnotatet"]

    write_files(corpus, {
        "noter/makrel.txt.meta.toml": 'title = "Makrelnotatet"\ntype = "notat"\n',
        "2021-05-01-fiskeri/meeting.toml": 'title = "Fiskeri og klima"\ndato = 2021-05-01\n',
    })
    code, second = reindex(corpus, index)
    assert second["documents"] == 10 and second["deleted"] == 0
    assert titles(corpus, index, "makrel") == ["Notat om makrel"]
    assert titles(corpus, index, "sild") == ["Invitation: sild og klima"]
    assert code == 1 and sorted(f["path"] for f in second["failed"]) == [
        "2021-05-01-fiskeri/meeting.toml", "noter/makrel.txt.meta.toml",
    ]

    client = create_app({"TESTING": True, "CORPUS_DIR": corpus, "INDEX_DIR": index}).test_client()
    meeting = client.get("/api/meetings/2021-05-01-fiskeri").get_json()
    assert (meeting["title"], meeting["date"]) == ("Fiskeri", "2021-05-01")
    assert [d["title"] for d in meeting["documents"]] == ["Invitation: sild og klima"]
