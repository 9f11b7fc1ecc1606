"""What a reindex hands the readers besides the documents: the corpus's synonyms (so the web app
searches with them without a restart) and the spellers' vocabulary of each commit. A broken
synonyms.toml stops the run before anything is written."""

from __future__ import annotations

import json

from reliability_helpers import fingerprint, note, run_cli, write_files

from index import store
from index.query import SearchRequest
from index.service import SearchService
from index.spelling import VOCABULARY_FILE
from reindex import reindex

SYNONYMS = '[[group]]\nterms = ["PtX", "Power-to-X"]\n'


def search(index_dir, corpus, q):
    service = SearchService(index_dir, corpus)
    try:
        return service.search(SearchRequest(q=q, per_page=100))
    finally:
        service.close()


def test_synonyms_travel_with_the_index_and_a_running_reader_picks_them_up(indexed):
    corpus, index_dir, _ = indexed
    write_files(corpus, {"noter/brint.txt": note("Notat om Power-to-X", "Brint fra Power-to-X i havnen.")})
    reindex(corpus, index_dir, workers=1)
    service = SearchService(index_dir, corpus)
    try:
        assert service.search(SearchRequest(q="PtX"))["total"] == 0
        (corpus / "synonyms.toml").write_text(SYNONYMS, encoding="utf-8")
        summary = reindex(corpus, index_dir, workers=1).as_dict()
        assert (summary["added"], summary["updated"]) == (0, 0)  # no document changed ...
        found = service.search(SearchRequest(q="PtX"))  # ... and the open reader searches with them
        assert found["expanded"] == ["Power-to-X"]
        assert [r["path"] for r in found["results"]] == ["noter/brint.txt"]
    finally:
        service.close()


def test_a_broken_synonyms_file_stops_the_run_with_exit_2_and_touches_nothing(indexed):
    corpus, index_dir, before = indexed
    (corpus / "synonyms.toml").write_text('[[group]]\nterms = "PtX"\n', encoding="utf-8")
    write_files(corpus, {"noter/ny.txt": note("Nyt notat", "Om hummer.")})
    done = run_cli(["reindex", "--json", "--corpus", str(corpus), "--index", str(index_dir)])
    assert done.returncode == 2, done.stderr
    assert "synonyms.toml" in json.loads(done.stdout)["error"]
    assert fingerprint(index_dir, corpus) == before


def test_each_commit_writes_the_vocabulary_of_its_own_commit(indexed):
    corpus, index_dir, _ = indexed
    live = store.current_generation(index_dir)
    first = (live.path / VOCABULARY_FILE).read_text(encoding="utf-8").splitlines()
    assert first[0].startswith("#toc\t") and any(line.startswith("makrel\t") for line in first)
    write_files(corpus, {"noter/ny.txt": note("Notat om blæksprutter", "Blæksprutter i Nordsøen.")})
    reindex(corpus, index_dir, workers=1)
    again = (live.path / VOCABULARY_FILE).read_text(encoding="utf-8").splitlines()
    assert again[0] != first[0] and any(line.startswith("blæksprut") for line in again)
    assert search(index_dir, corpus, "blæksprutte")["total"] == 1
    assert search(index_dir, corpus, "makrl")["corrected_query"] == "makrel"
