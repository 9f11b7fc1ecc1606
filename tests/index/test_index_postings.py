"""index/postings.py reads Whoosh's storage directly: it must take its fast path on every segment,
including segments with deletions, and return exactly what Whoosh's public API returns."""

from __future__ import annotations

import numpy as np
import pytest
from whoosh import fields
from whoosh.filedb.filestore import FileStorage

from index import bits
from index.postings import Postings
from index.ranking import COMMON_SHARE, TermIndex

SEGMENT_DOCS = 400  # > 3 blocks of 128 postings for a term in every document
SEGMENTS = 3
WORDS = ("vand", "skybrud", "regn", "kyst", "sjælden")


def _schema():
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        text=fields.TEXT(phrase=False),
        exact=fields.TEXT(phrase=True),
        kind=fields.KEYWORD(),
    )


def _text(n: int) -> str:
    """Varying term frequencies and positions: 'vand' in every document, 1-4 times."""
    words = ["vand"] * (1 + n % 4)
    if n % 3 == 0:
        words += ["skybrud", "regn"] * (1 + n % 2)
    if n % 5 == 0:
        words = ["kyst"] + words
    if n == 777:
        words.append("sjælden")
    return " ".join(words)


def _deleted_ids() -> set[int]:
    # a whole 128-posting block of the first segment, and scattered documents in the second
    return set(range(10, 150)) | {n for n in range(SEGMENT_DOCS, 2 * SEGMENT_DOCS) if n % 7 == 0}


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    """An index of three segments with deletions in two of them."""
    storage = FileStorage(str(tmp_path_factory.mktemp("segments")))
    ix = storage.create_index(_schema())
    for segment in range(SEGMENTS):
        writer = ix.writer()
        for n in range(segment * SEGMENT_DOCS, (segment + 1) * SEGMENT_DOCS):
            text = _text(n)
            writer.add_document(id=str(n), text=text, exact=text, kind="even" if n % 2 == 0 else "odd")
        writer.commit(merge=False)
    writer = ix.writer()
    for n in sorted(_deleted_ids()):
        writer.delete_by_term("id", str(n))
    writer.commit(merge=False)
    searcher = ix.searcher()
    yield searcher
    searcher.close()
    ix.close()


def _public(reader, field: str, text: str):
    """docnum -> (weight, positions or None) through Whoosh's public matcher API."""
    out = {}
    if (field, text) not in reader:
        return out
    matcher = reader.postings(field, text)
    has_positions = reader.schema[field].format.supports("positions")
    while matcher.is_active():
        positions = tuple(matcher.value_as("positions")) if has_positions else None
        out[matcher.id()] = (matcher.weight(), positions)
        matcher.next()
    return out


def test_fixture_has_several_segments_with_deletions(segmented):
    leaves = segmented.reader().leaf_readers()
    assert len(leaves) == SEGMENTS
    assert [leaf.has_deletions() for leaf, _ in leaves] == [True, True, False]


@pytest.mark.parametrize("field", ["text", "exact"])
@pytest.mark.parametrize("word", WORDS)
def test_documents_and_weights_equal_the_public_api(segmented, field, word):
    reader = segmented.reader()
    postings = Postings(reader)
    docnums, weights = postings.read(field, word)
    expected = _public(reader, field, word)
    assert docnums.tolist() == sorted(expected)
    assert weights.tolist() == [expected[d][0] for d in docnums.tolist()]
    assert postings.docnums(field, word).tolist() == docnums.tolist()


@pytest.mark.parametrize("word", WORDS)
def test_positions_equal_the_public_api(segmented, word):
    reader = segmented.reader()
    postings = Postings(reader)
    expected = _public(reader, "exact", word)
    everyone = np.ones(reader.doc_count_all(), dtype=bool)
    found = postings.positions("exact", word, everyone)
    assert found == {d: frozenset(p) for d, (_, p) in expected.items()}
    some = sorted(expected)[::5]
    wanted = np.zeros(reader.doc_count_all(), dtype=bool)
    wanted[some] = True
    assert sorted(postings.positions("exact", word, wanted)) == some


def test_deleted_documents_are_never_returned(segmented):
    reader = segmented.reader()
    postings = Postings(reader)
    live_ids = {int(segmented.stored_fields(d)["id"]) for d in postings.docnums("text", "vand").tolist()}
    assert live_ids == set(range(SEGMENTS * SEGMENT_DOCS)) - _deleted_ids()


def test_every_segment_is_read_on_the_fast_path_even_with_deletions(segmented):
    postings = Postings(segmented.reader())
    postings.read("text", "vand")
    assert (postings.reads.fast, postings.reads.generic) == (SEGMENTS, 0)
    postings.positions("exact", "skybrud", np.ones(segmented.reader().doc_count_all(), dtype=bool))
    assert (postings.reads.fast, postings.reads.generic) == (2 * SEGMENTS, 0)


def test_an_absent_term_or_field_is_empty(segmented):
    postings = Postings(segmented.reader())
    docnums, weights = postings.read("text", "ørken")
    assert docnums.tolist() == weights.tolist() == []
    assert postings.docnums("nosuchfield", "vand").tolist() == []


def test_a_damaged_segment_raises_instead_of_finding_nothing(segmented, monkeypatch):
    postings = Postings(segmented.reader())
    damaged = postings.leaves[1].reader

    def broken(field, text):
        raise OSError("segment file truncated")

    monkeypatch.setattr(damaged, "postings", broken)
    with pytest.raises(OSError):
        postings.read("text", "vand")


def test_term_index_ranks_live_documents_only(segmented):
    reader = segmented.reader()
    live = bits.from_docnums(reader.all_doc_ids(), reader.doc_count_all())
    terms = TermIndex(segmented, live)
    data = terms.term("text", "skybrud")
    expected = _public(reader, "text", "skybrud")
    assert bits.to_docnums(data.mask) == sorted(expected)
    assert all(data.scores[d] > 0 for d in expected)
    assert all(data.scores[d] == 0.0 for d in range(reader.doc_count_all()) if d not in expected)


@pytest.mark.parametrize("docnums", [[], [0], [7, 8, 9, 63, 64, 65, 1000], list(range(0, 3000, 3))])
def test_bitsets_round_trip_document_numbers(docnums):
    mask = bits.from_docnums(docnums, 3000)
    assert bits.to_docnums(mask) == docnums
    assert bits.count(mask) == len(docnums)



def test_a_long_query_of_rare_terms_does_not_flush_the_common_terms_from_the_cache(segmented, monkeypatch):
    reader = segmented.reader()
    live = bits.from_docnums(reader.all_doc_ids(), reader.doc_count_all())
    terms = TermIndex(segmented, live)
    monkeypatch.setattr("index.ranking.CACHED_TERMS", 2)
    common = terms.term("text", "vand")  # in every document
    for word in ("sjælden", "kyst", "ørken", "skybrud", "regn"):  # rarer (or absent) terms
        terms.term("text", word)
    reads = terms.postings.reads.fast
    assert terms.term("text", "vand") is common
    assert terms.postings.reads.fast == reads  # served from the cache, not read again


@pytest.mark.parametrize("word", WORDS)
def test_rare_terms_are_kept_sparse_and_score_only_their_own_documents(segmented, word):
    reader = segmented.reader()
    live = bits.from_docnums(reader.all_doc_ids(), reader.doc_count_all())
    terms = TermIndex(segmented, live)
    data = terms.term("text", word)
    expected = _public(reader, "text", word)
    assert (data.docnums is not None) == (len(expected) <= COMMON_SHARE * reader.doc_count())
    contributions = data.at(np.arange(reader.doc_count_all())).tolist()
    assert [d for d, c in enumerate(contributions) if c > 0] == sorted(expected)


@pytest.mark.parametrize("positions", [
    [], [5], [255], [300], [70000], [1, 2, 3], [0, 1], [300, 301, 305], [70000, 70001], [5, 400],
    list(range(0, 2000, 2)), list(range(1000)), list(range(1001)), list(range(3, 2600, 7)),
])
@pytest.mark.parametrize("stop", [True, False])
def test_positions_are_decoded_as_whoosh_decodes_them(positions, stop):
    from whoosh.formats import Positions

    from index.postings import _decode_positions

    value = Positions().encode(positions)
    if not stop:  # Whoosh may store a value without the pickle's final STOP byte
        value = value[:-1]
    assert _decode_positions(value) == frozenset(Positions().decode_positions(value))


def test_many_positions_are_decoded_at_once_as_one_by_one():
    from whoosh.formats import Positions

    from index.postings import _decode_positions, _decode_positions_many

    lists = [[], [5], [255], [300], [70000], [1, 2, 3], [300, 301, 305], list(range(1000)), list(range(1001)),
             list(range(3, 2600, 7)), [0]]
    values = [Positions().encode(p) for p in lists]
    values += [v[:-1] for v in values]  # with and without the final STOP byte
    assert _decode_positions_many(values) == [_decode_positions(v) for v in values]
    assert _decode_positions_many([]) == []
