"""index/spelling.py: corrections from the index's vocabulary, read from the file a reindex
writes when it is there for the reader's commit, else from the index itself."""

from __future__ import annotations

from datetime import date

import pytest

from index_files import build_from_documents
from index import store
from index.spelling import VOCABULARY_FILE, Speller, read_vocabulary, write_vocabulary
from index.writer import open_writer
from index_files import make_document


def _docs(n: int):
    return [
        make_document(f"noter/n{i}.md", f"Notat {i}",
                      ["Klimatilpasning og skybrud i byen." if i % 2 else "Klimatilpasning ved kysten."],
                      format="markdown", day=date(2020, 1, 1 + i))
        for i in range(n)
    ]


@pytest.fixture
def generation(tmp_path):
    index_dir = tmp_path / "index"
    build_from_documents(index_dir, _docs(6))
    return store.current_generation(index_dir)


def _speller(generation):
    ix = generation.open()
    reader = ix.reader()
    return ix, reader, Speller(reader, generation.path)


def test_corrections_prefer_the_nearest_then_the_most_common_word(generation):
    ix, reader, speller = _speller(generation)
    try:
        assert speller.correct("klimatilpasnig") == "klimatilpasning"
        assert speller.correct("Skybrut") == "skybrud"
        assert speller.correct("kysten") is None  # found
        assert speller.correct("byn") is None  # too short to guess
        assert speller.correct("co2-fangst") is None  # not a plain word
        assert speller.frequency("klimatilpasning") == 6
    finally:
        reader.close()
        ix.close()


def test_the_written_vocabulary_is_used_for_its_own_commit_only(generation):
    ix, reader, speller = _speller(generation)
    try:
        path = write_vocabulary(generation.path, reader)
        assert path.name == VOCABULARY_FILE
        assert speller.correct("klimatilpasnig") == "klimatilpasning"
        assert speller.from_file
    finally:
        reader.close()
        ix.close()

    ix = generation.open()
    with open_writer(ix) as writer:  # a new commit: the file is now stale
        writer.put(make_document("noter/ny.md", "Ny", ["Oversvømmelse af kældre."], format="markdown"), 0)
    reader = ix.reader()
    try:
        stale = Speller(reader, generation.path)
        assert stale.correct("oversvømmelsse") == "oversvømmelse"
        assert not stale.from_file
        assert read_vocabulary(reader)["oversvømmelse"] == 1
    finally:
        reader.close()
        ix.close()


def test_a_damaged_vocabulary_file_is_ignored(generation):
    (generation.path / VOCABULARY_FILE).write_text("#toc\tnot-a-number\nord\tx\n", encoding="utf-8")
    ix, reader, speller = _speller(generation)
    try:
        assert speller.correct("klimatilpasnig") == "klimatilpasning"
        assert not speller.from_file
    finally:
        reader.close()
        ix.close()


def test_a_word_the_index_lacks_is_looked_up_in_no_segment_and_a_rare_one_once_per_open_reader(
    tmp_path, monkeypatch
):
    index_dir = tmp_path / "index"
    rare = make_document("noter/hav.md", "Hav", ["Havvindmøller ud for kysten."], format="markdown")
    build_from_documents(index_dir, _docs(6) + [rare])
    ix, reader, speller = _speller(store.current_generation(index_dir))
    lookups = []
    original = reader.doc_frequency
    monkeypatch.setattr(reader, "doc_frequency", lambda *args: lookups.append(args) or original(*args))
    try:
        # the term lists say that no segment has the misspelling or its stem
        assert speller.correct_text("klimatilpasnig", ["klimatilpasnig"]) == ("klimatilpasning", True)
        assert lookups == []
        # a word in one document: its stems are counted in the segments, once per open reader
        assert speller.frequency("havvindmøller") == 1
        first = len(lookups)
        assert first and speller.frequency("havvindmøller") == 1
        assert len(lookups) == first
    finally:
        reader.close()
        ix.close()
