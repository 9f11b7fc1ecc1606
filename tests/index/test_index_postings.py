"""index/postings.py reads Whoosh's storage directly: it must take its fast path on every segment,
including segments with deletions, and return exactly what Whoosh's public API returns."""

from __future__ import annotations

from io import BytesIO

import numpy as np
import pytest
from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.reading import SegmentReader

from index import bits
from index.position_format import PositionArray
from index.postings import Postings
from index.schema import AnalysedText
from index.segment_writer import FastFlushWriter
from index.ranking import COMMON_SHARE, TermIndex

SEGMENT_DOCS = 400  # > 3 blocks of 128 postings for a term in every document
SEGMENTS = 3
WORDS = ("vand", "skybrud", "regn", "kyst", "sjælden")


def _schema(ours: bool):
    """Whoosh's own field types, or klimaviden's exact field (positions stored as arrays)."""
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        text=fields.TEXT(phrase=False),
        exact=AnalysedText(phrase=True, format=PositionArray()) if ours else fields.TEXT(phrase=True),
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


def _merge_last(writer, segments):
    """A merge policy: the last segment is merged into the one being written."""
    reader = SegmentReader(writer.storage, writer.schema, segments[-1])
    writer.add_reader(reader)
    reader.close()
    return segments[:-1]


def _add(writer, segment: int) -> None:
    for n in range(segment * SEGMENT_DOCS, (segment + 1) * SEGMENT_DOCS):
        text = _text(n)
        writer.add_document(id=str(n), text=text, exact=text, kind="even" if n % 2 == 0 else "odd")


@pytest.fixture(scope="module", params=["whoosh", "klimaviden", "klimaviden-spilled"])
def segmented(tmp_path_factory, request):
    """An index of three segments with deletions in two of them, written by Whoosh's own writer
    (positions in Whoosh's blocks only), or by klimaviden's, which also writes each segment's
    positions file: there the last segment was merged from two (a merge writes its file too); and
    the same with so little writer memory that the postings are sorted through files on disk."""
    storage = FileStorage(str(tmp_path_factory.mktemp("segments")))
    ours = request.param.startswith("klimaviden")
    ix = storage.create_index(_schema(ours))
    limitmb = 0.05 if request.param.endswith("spilled") else 128
    for segment in range(SEGMENTS):
        writer = FastFlushWriter(ix, limitmb=limitmb) if ours else ix.writer()
        _add(writer, segment)
        if ours and segment == SEGMENTS - 1:
            assert bool(writer.pool.runs) == (limitmb < 1)
            writer.commit(mergetype=_merge_last)
        else:
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


def _ours(searcher) -> bool:
    """Written by klimaviden's writer: every segment has a positions file."""
    return len(searcher.reader().leaf_readers()) < SEGMENTS


def test_fixture_has_several_segments_with_deletions(segmented):
    leaves = segmented.reader().leaf_readers()
    expected = [True, True] if _ours(segmented) else [True, True, False]
    assert [leaf.has_deletions() for leaf, _ in leaves] == expected


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
    docnums, positions = postings.positions("exact", word, everyone)
    assert list(zip(docnums.tolist(), positions.tolist())) == [
        (d, p) for d, (_, places) in sorted(expected.items()) for p in places]
    some = sorted(expected)[::5]
    wanted = np.zeros(reader.doc_count_all(), dtype=bool)
    wanted[some] = True
    docnums, positions = postings.positions("exact", word, wanted)
    assert list(zip(docnums.tolist(), positions.tolist())) == [
        (d, p) for d in some for p in expected[d][1]]


def test_deleted_documents_are_never_returned(segmented):
    reader = segmented.reader()
    postings = Postings(reader)
    live_ids = {int(segmented.stored_fields(d)["id"]) for d in postings.docnums("text", "vand").tolist()}
    assert live_ids == set(range(SEGMENTS * SEGMENT_DOCS)) - _deleted_ids()


def test_every_segment_is_read_on_the_fast_path_even_with_deletions(segmented):
    postings = Postings(segmented.reader())
    segments = len(postings.leaves)
    postings.read("text", "vand")
    postings.positions("exact", "skybrud", np.ones(segmented.reader().doc_count_all(), dtype=bool))
    if _ours(segmented):  # every segment from its postings files, the merged one included
        assert (postings.reads.fast, postings.reads.generic, postings.reads.arrays) == (0, 0, 2 * segments)
    else:
        assert (postings.reads.fast, postings.reads.generic, postings.reads.arrays) == (2 * segments, 0, 0)


def test_an_absent_term_or_field_is_empty(segmented):
    postings = Postings(segmented.reader())
    docnums, weights = postings.read("text", "ørken")
    assert docnums.tolist() == weights.tolist() == []
    assert postings.docnums("nosuchfield", "vand").tolist() == []


def test_a_damaged_segment_raises_instead_of_finding_nothing(segmented, monkeypatch):
    from index.postings_file import DamagedPostings

    postings = Postings(segmented.reader())
    damaged = postings.leaves[1].reader

    def broken(*args, **kwargs):
        raise OSError("segment file truncated")

    monkeypatch.setattr(damaged, "postings", broken)
    if not _ours(segmented):
        with pytest.raises(OSError):
            postings.read("text", "vand")
        return
    # klimaviden's segments: their postings files, cut short, raise as well
    storage = damaged.storage()
    original = storage.open_file

    def cut_short(name, *args, **kwargs):
        file = original(name, *args, **kwargs)
        try:
            return BytesIO(file.read()[:-8])
        finally:
            file.close()

    monkeypatch.setattr(storage, "open_file", cut_short)
    with pytest.raises(DamagedPostings):
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


_LISTS = [[], [5], [255], [300], [70000], [1, 2, 3], [0, 1], [300, 301, 305], [70000, 70001], [5, 400],
          list(range(0, 2000, 2)), list(range(1000)), list(range(1001)), list(range(3, 2600, 7))]


@pytest.mark.parametrize("stop", [True, False])
def test_positions_are_decoded_as_whoosh_decodes_them_many_at_once(stop):
    from whoosh.formats import Positions

    from index.postings import positions_of

    values = [Positions().encode(p) for p in _LISTS]
    if not stop:  # Whoosh may store a value without the pickle's final STOP byte
        values = [v[:-1] for v in values]
    expected = [list(Positions().decode_positions(v)) for v in values]
    lengths, positions = positions_of(Positions(), values)
    assert lengths.tolist() == [len(p) for p in expected]
    assert positions.tolist() == [p for places in expected for p in places]
    assert [a.tolist() for a in positions_of(Positions(), [])] == [[], []]


def test_a_postings_file_finds_each_term_and_refuses_a_damaged_file():
    from whoosh.formats import Positions

    from index.postings_file import DamagedPostings, PostingsBuilder, PostingsFile
    from index.postings import positions_of

    builder = PostingsBuilder(lambda values: positions_of(Positions(), values))
    # terms that share their first 8 bytes, or are the start of the next one
    terms = [b"klimatil", b"klimatilpasning", b"klimatilpasningen", b"vand"]
    for k, term in enumerate(terms):
        builder.add_postings(term, [("exact", term, d, 1.0, Positions().encode(places))
                                    for d, places in enumerate(_LISTS[k:])])
    data = builder.build().to_bytes()
    whole = PostingsFile.from_bytes(data)
    for k, term in enumerate(terms):
        start, end = whole.rows(term)
        docnums, positions = whole.positions(start, end, np.arange(end - start), whole.docnums(start, end))
        assert positions.tolist() == [p for places in _LISTS[k:] for p in places]
        assert docnums.tolist() == [d for d, places in enumerate(_LISTS[k:]) for _ in places]
    assert whole.rows(b"klimatilp") == whole.rows(b"van") == whole.rows(b"\xc3\xa6ble") == (0, 0)
    for broken in (data[:-8], data + b"\0" * 8, b"X" + data[1:]):
        with pytest.raises(DamagedPostings):
            PostingsFile.from_bytes(broken)


def test_positions_stored_as_arrays_read_back_as_whoosh_reads_its_own():
    from whoosh.formats import Positions

    from index.postings import positions_of

    values = [PositionArray().encode(p) for p in _LISTS]
    for value, places in zip(values, _LISTS):
        assert PositionArray().decode_positions(value) == list(Positions().decode_positions(Positions().encode(places)))
        assert PositionArray().decode_frequency(value) == len(places)
    lengths, positions = positions_of(PositionArray(), values)
    assert lengths.tolist() == [len(p) for p in _LISTS]
    assert positions.tolist() == [p for places in _LISTS for p in places]


@pytest.mark.parametrize("first_docnum", [0, 70_000])
@pytest.mark.parametrize("positions", [[0, 5, 65_535], [3, 65_536, 100_000]])
def test_postings_files_keep_large_docnums_and_positions_and_store_small_ones_in_half_the_bytes(first_docnum, positions):
    from index.postings import positions_of
    from index.postings_file import PostingsBuilder, PostingsFile

    builder = PostingsBuilder(lambda values: positions_of(PositionArray(), values))
    docnums = [first_docnum + k for k in (0, 3, 9, 11)]
    builder.add_postings(b"vand", [("exact", b"vand", d, 1.0, PositionArray().encode(positions)) for d in docnums])
    data = builder.build().to_bytes()
    stored = PostingsFile.from_bytes(data)
    start, end = stored.rows(b"vand")
    found_docnums, found_positions = stored.positions(start, end, np.arange(end - start), stored.docnums(start, end))
    assert found_docnums.tolist() == [d for d in docnums for _ in positions]
    assert found_positions.tolist() == positions * len(docnums)
    docnum_bytes = 2 if first_docnum < 65_536 else 4
    position_bytes = 2 if max(positions) < 65_536 else 4
    padded = lambda n: n + -n % 8  # noqa: E731
    # header, term key, term end, text, term starts, docnums, position starts, positions
    expected = (8 + 5 * 8 + 8 + 8 + padded(4) + 16 + padded(4 * docnum_bytes) + padded(5 * 4)
                + padded(len(positions) * len(docnums) * position_bytes))
    assert len(data) == expected


@pytest.mark.parametrize("value", ["even", "odd", "none"])
def test_the_documents_of_a_facet_value_equal_the_public_api(segmented, value):
    reader = segmented.reader()
    postings = Postings(reader)
    assert postings.docnums("kind", value).tolist() == sorted(_public(reader, "kind", value))
    if _ours(segmented):  # from the segments' postings files, which hold documents only here
        assert (postings.reads.fast, postings.reads.arrays) == (0, len(postings.leaves))
