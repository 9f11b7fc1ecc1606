"""One reindex over good files mixed with broken and hostile ones: every good file is indexed and
found, every bad one is reported with its path and a reason, and nothing stops the run."""

from __future__ import annotations

import logging
import time
import unicodedata

import pytest

from hostile_files import nested_html, write_hostile_corpus
from reliability_helpers import write_files

from index.query import SearchRequest
from reindex import reindex
from index.service import SearchService
from ingest import pipeline
from ingest.formats import text

TIME_LIMIT = 3.0


@pytest.fixture
def hanging_parser(monkeypatch):
    """The text parser hangs on files named haenger.txt; the per-file time limit is 3 s."""
    extract = text.extract

    def hang(data, name):
        if name.endswith("haenger.txt"):
            time.sleep(600)
        return extract(data, name)

    monkeypatch.setattr(text, "extract", hang)  # parser processes are forked: they inherit it
    monkeypatch.setitem(pipeline.extract_many.__kwdefaults__, "limits", pipeline.Limits(timeout_seconds=TIME_LIMIT))


def test_good_files_are_indexed_and_each_bad_one_is_reported_with_a_reason(tmp_path, hanging_parser, caplog):
    corpus = tmp_path / "corpus"
    good, bad = write_hostile_corpus(corpus, tmp_path / "outside")
    write_files(corpus, {"slemt/indlejret.html": nested_html(10_000)})
    bad["slemt/indlejret.html"] = (None, "indlejret")

    started = time.monotonic()
    with caplog.at_level(logging.WARNING):
        report = reindex(corpus, tmp_path / "index", workers=2).as_dict()
    assert time.monotonic() - started < 60, "a hostile file held the run up"

    failed = {f["path"]: f["error"] for f in report["failed"]}
    assert set(failed) == set(bad), report["failed"]
    for path, (_, reason) in bad.items():
        assert reason.lower() in failed[path].lower(), (path, failed[path])
    assert "udenfor.txt" not in failed
    assert any("slemt/udenfor.txt" in r.getMessage() and "outside" in r.getMessage() for r in caplog.records)

    service = SearchService(tmp_path / "index", corpus)
    listing = service.search(SearchRequest(per_page=100))
    expected = {unicodedata.normalize("NFC", path) for path in good}
    assert {r["path"] for r in listing["results"]} == expected
    for path, (_, word) in good.items():
        found = [r["path"] for r in service.search(SearchRequest(q=word))["results"]]
        assert found == [unicodedata.normalize("NFC", path)], (word, found)
    assert service.search(SearchRequest(q="fiskekutter"))["total"] == 0, "a link out of the corpus was followed"
    assert report["documents"] == len(good)


def test_a_hanging_parser_is_stopped_and_the_next_run_tries_the_file_again_only_when_it_changed(
    tmp_path, hanging_parser
):
    corpus = tmp_path / "corpus"
    write_files(corpus, {
        "haenger.txt": "Notat der hænger\n\nTekst.\n",
        "godt.txt": "Notat om kystsikring\n\nKystsikring ved diget.\n",
    })
    first = reindex(corpus, tmp_path / "index", workers=2).as_dict()
    assert [f["path"] for f in first["failed"]] == ["haenger.txt"]
    assert "tidsgrænsen" in first["failed"][0]["error"]
    started = time.monotonic()
    again = reindex(corpus, tmp_path / "index", workers=2).as_dict()
    assert time.monotonic() - started < TIME_LIMIT, "the unchanged hanging file was parsed again"
    assert [f["path"] for f in again["failed"]] == ["haenger.txt"]
