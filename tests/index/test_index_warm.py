"""Warming up: what the first searches after a reindex would wait for is done ahead, so the first
visitor in the morning meets a search as fast as the next ones."""

from __future__ import annotations

import time

from index.query import SearchRequest
from index.service import SearchService
from reindex import reindex
from webapp import backend, create_app


def test_warm_reads_the_most_frequent_terms_ahead_and_again_after_a_reindex(mini_corpus, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    reindex(mini_corpus, index_dir, workers=1)
    service = SearchService(index_dir, mini_corpus)
    try:
        first = service.warm(terms=5)
        assert first["opened"] and first["terms"] == 5
        second = service.warm(terms=5)
        assert (second["opened"], second["terms"]) == (False, 0)  # nothing changed: nothing to do

        # the warmed terms are in the cache: a search for the most frequent one reads nothing
        terms = service._open.view.terms
        reads = []
        monkeypatch.setattr(terms.postings, "read", lambda *a: reads.append(a) or (_ for _ in ()).throw(AssertionError))
        frequent = terms.searcher.reader().most_frequent_terms("text", number=1)[0][1].decode()
        assert service.search(SearchRequest(q=frequent))["total"] >= 1
        assert reads == []
        monkeypatch.undo()

        (mini_corpus / "noter" / "ny.md").write_text("# Solceller\n\nSolceller på taget.\n", "utf-8")
        reindex(mini_corpus, index_dir, workers=1)
        again = service.warm(terms=5)
        assert again["opened"] and again["terms"] == 5
        assert service.search(SearchRequest(q="solceller"))["total"] == 1
    finally:
        service.close()


def test_the_web_app_warms_a_new_index_before_anyone_searches(mini_corpus, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    reindex(mini_corpus, index_dir, workers=1)
    warmed = []
    original = SearchService.warm
    monkeypatch.setattr(SearchService, "warm", lambda self, **kw: warmed.append(original(self, **kw)) or warmed[-1])
    app = create_app({"TESTING": True, "CORPUS_DIR": mini_corpus, "INDEX_DIR": index_dir, "WARM_SECONDS": 0.05})
    deadline = time.monotonic() + 20
    while not any(w["opened"] for w in warmed) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(w["opened"] and w["terms"] > 0 for w in warmed)  # no request was made
    assert app.extensions[backend.EXTENSION].get().search(SearchRequest(q="skybrud"))["total"] >= 1


def test_tests_and_apps_that_ask_for_it_run_no_warmer(mini_corpus, tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(backend, "start_warmer", lambda *a: started.append(a))
    create_app({"TESTING": True, "CORPUS_DIR": mini_corpus, "INDEX_DIR": tmp_path / "index"})
    create_app({"CORPUS_DIR": mini_corpus, "INDEX_DIR": tmp_path / "index", "WARM_SECONDS": 0})
    assert started == []
    create_app({"CORPUS_DIR": mini_corpus, "INDEX_DIR": tmp_path / "index"})
    assert [seconds for _, seconds in started] == [backend.WARM_SECONDS]


def test_a_phrase_looked_up_among_some_documents_is_still_found_in_all_of_them(library):
    """A long query reads a phrase's positions only among the documents its other words left; the
    cache of that answer must not hide the phrase's other documents from the next query."""
    from index import bits
    from index.fields import EXACT
    from index.ranking import TermIndex

    words = (("cykelstier",), ("og",))
    with library._reading() as live:
        shared = live.view.terms
        everywhere = TermIndex(shared.searcher, shared.live, postings=shared.postings).in_order(EXACT, words, shared.live)
        assert bits.count(everywhere) == 12
        fresh = TermIndex(shared.searcher, shared.live, postings=shared.postings)
        some = bits.from_docnums(bits.to_docnums(everywhere)[:3], shared.size)
        assert fresh.in_order(EXACT, words, some) == some
        assert fresh.in_order(EXACT, words, shared.live) == everywhere
        assert fresh.in_order(EXACT, words, some) == some


def test_after_the_warm_up_a_search_reads_no_more_index_files(mini_corpus, tmp_path, monkeypatch):
    """The first search after a reindex opens no file of the index: the stored documents, term
    lists, spelling vocabulary and positions files were read or opened by warm()."""
    from whoosh.filedb.compound import CompoundStorage
    from whoosh.filedb.filestore import FileStorage

    from index.spelling import VOCABULARY_FILE
    from index.store import current_generation

    (mini_corpus / "noter" / "tage.md").write_text("# Grønne tage\n\nGrønne tage forsinker regnvandet.\n", "utf-8")
    index_dir = tmp_path / "index"
    reindex(mini_corpus, index_dir, workers=1)
    service = SearchService(index_dir, mini_corpus)
    try:
        assert service.warm(terms=5)["segments"] >= 1
        (current_generation(index_dir).path / VOCABULARY_FILE).unlink()  # read already
        opened = []
        for storage in (CompoundStorage, FileStorage):
            original = storage.open_file
            monkeypatch.setattr(storage, "open_file", lambda self, name, *a, _o=original, **k: opened.append(name) or _o(self, name, *a, **k))
        assert service.search(SearchRequest(q="skybrud"))["total"] >= 1
        assert service.search(SearchRequest(q="gylleforsuring i stalden"))["total"] >= 1
        assert service.search(SearchRequest(q="gylleforsurring"))["corrected_query"] == "gylleforsuring"
        phrase = service.search(SearchRequest(q='"grønne tage forsinker"'))
        assert phrase["total"] == 1 and phrase["phrase_relaxed"] is False
        assert opened == []
        assert service._open.view.speller.from_file
    finally:
        service.close()
