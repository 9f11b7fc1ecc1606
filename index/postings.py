"""Every read of a segment's postings: which documents hold a term, with what weight, where.

A segment written by klimaviden's writer has a postings file per indexed field beside it
(index/postings_file.py: the term's documents with their weights or positions, as arrays); those
files are read first. A segment without one (an index of another schema, or written by Whoosh's
own writer, as some tests do) is read from Whoosh's storage, as follows.

Whoosh's public matcher API costs microseconds per posting (a Python call per document and term);
a common word at 20,000 documents costs 100 ms that way. This module reads the W3 codec's blocks
(up to 128 postings each) a block at a time through the leaf matcher's private members
(`_read_data`, `_data`, `_byteids`, `_read_weights`, `_read_values`, `_next_block`, `_atend`,
`_weights`, `_values`), and decodes the block's document numbers (delta-coded) and a posting's
positions (a pickled list of deltas, Whoosh's `Positions` format) itself, in C (`accumulate`,
`pickle`) instead of Whoosh's Python loops: a first search meets terms that no cache holds yet.
It is the only module in klimaviden that knows them, so:

- it refuses to load with a Whoosh series other than the one it was written and tested for;
- an absent term is Whoosh's TermNotFound and nothing else: a damaged segment raises;
- a segment with deletions is read on the same fast path (Whoosh would wrap its matcher in a
  FilterMatcher, a per-posting filter); deleted documents are dropped here, from a set read once
  per open reader.

`reads` counts segment reads per path (arrays: a postings file; fast: Whoosh's blocks; generic:
one posting at a time), so tests can tell which one ran.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate, chain
from pickle import loads

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE

from index.position_format import PositionArray
from index.postings_file import PostingsFile, file_name

SUPPORTED_WHOOSH = (2, 7)  # the W3 block layout read below; setup.cfg pins whoosh-reloaded 2.7.x
_PRIVATE_METHODS = ("_read_data", "_read_weights", "_read_values", "_next_block")

if tuple(whoosh.__version__[:2]) != SUPPORTED_WHOOSH or not all(
    hasattr(W3LeafMatcher, name) for name in _PRIVATE_METHODS
):
    raise ImportError(
        f"index.postings reads the block layout of Whoosh {SUPPORTED_WHOOSH[0]}.{SUPPORTED_WHOOSH[1]}.x; "
        f"installed is {'.'.join(map(str, whoosh.__version__))}: check index/postings.py before upgrading"
    )


@dataclass
class Reads:
    """How many segment reads took each path."""

    fast: int = 0
    generic: int = 0
    arrays: int = 0  # segment reads from a postings file (index/postings_file.py)


@dataclass(frozen=True)
class _Leaf:
    reader: object
    offset: int
    deleted: frozenset
    dead: np.ndarray | None  # per leaf docnum: deleted (None without deletions)

    def live(self, ids: list) -> tuple[np.ndarray, np.ndarray | None]:
        """(the global docnums of the leaf's live ids, which of the ids those are or None: all)."""
        found = np.asarray(ids, dtype=np.int64)
        keep = None
        if self.dead is not None:
            keep = ~self.dead[found]
            found = found[keep]
        return found + self.offset, keep


class Postings:
    """The postings of one open reader (single segment or multi-segment), in global docnums."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.leaves = []
        for leaf, offset in reader.leaf_readers():
            deleted = _deleted(leaf)
            dead = None
            if deleted:
                dead = np.zeros(leaf.doc_count_all(), dtype=bool)
                dead[list(deleted)] = True
            self.leaves.append(_Leaf(leaf, offset, deleted, dead))
        self.reads = Reads()
        self._files: dict[tuple[int, str], PostingsFile | None] = {}

    def _matchers(self, field: str, text: str):
        """(leaf, matcher) for each segment holding the term, unfiltered."""
        for leaf in self.leaves:
            matcher = self._matcher(leaf, field, text)
            if matcher is not None:
                yield leaf, matcher

    @staticmethod
    def _matcher(leaf: _Leaf, field: str, text: str):
        """The segment's matcher of the term, unfiltered; None when the segment lacks the term."""
        try:
            matcher = leaf.reader.postings(field, text)
        except TermNotFound:
            return None
        if isinstance(matcher, FilterMatcher):  # the segment has deletions: filtered by the caller
            matcher = matcher.child
            matcher.reset()
        return matcher

    def _blocks(self, matcher, want_weights: bool):
        """(ids, weights or None, block reader) per block; the block reader gives the values."""
        if isinstance(matcher, W3LeafMatcher):
            self.reads.fast += 1
            while not matcher._atend:
                if matcher._data is None:
                    matcher._read_data()
                ids = matcher._data[0]
                if not matcher._byteids:  # delta-coded, as Whoosh's _read_ids decodes them
                    ids = tuple(accumulate(ids))
                if want_weights:
                    matcher._read_weights()
                yield ids, (matcher._weights if want_weights else None), matcher
                matcher._next_block()
            return
        self.reads.generic += 1  # an inlined or in-memory posting list: one posting at a time
        while matcher.is_active():
            yield (matcher.id(),), ((matcher.weight(),) if want_weights else None), _One(matcher)
            matcher.next()

    def read(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums as int64, weights as float64) of the live documents holding the term, ascending:
        from a segment's postings file when it has the weights, else from Whoosh's blocks."""
        docnums, weights = [], []
        for leaf in self.leaves:
            stored = self._postings_file(leaf, field)
            if stored is not None and stored.has_weights:
                self.reads.arrays += 1
                start, end = stored.rows(text.encode("utf-8"))
                found, keep = leaf.live(stored.docnums(start, end))
                found_weights = stored.weights(start, end)
            else:
                matcher = self._matcher(leaf, field, text)
                if matcher is None:
                    continue
                ids, found_weights = [], []
                for block_ids, block_weights, _ in self._blocks(matcher, want_weights=True):
                    ids.extend(block_ids)
                    found_weights.extend(block_weights)
                found, keep = leaf.live(ids)
            found_weights = np.asarray(found_weights, dtype=np.float64)
            docnums.append(found)
            weights.append(found_weights[keep] if keep is not None else found_weights)
        if not docnums:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(docnums), np.concatenate(weights)

    def docnums(self, field: str, text: str) -> np.ndarray:
        """The live documents holding the term, ascending, as int64."""
        out = []
        for leaf in self.leaves:
            stored = self._postings_file(leaf, field)
            if stored is not None:
                self.reads.arrays += 1
                start, end = stored.rows(text.encode("utf-8"))
                out.append(leaf.live(stored.docnums(start, end))[0])
                continue
            matcher = self._matcher(leaf, field, text)
            if matcher is None:
                continue
            ids = []
            for block_ids, _, _ in self._blocks(matcher, want_weights=False):
                ids.extend(block_ids)
            out.append(leaf.live(ids)[0])
        return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)

    def positions(self, field: str, text: str, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(docnum, position) of every place the term stands in the wanted live documents
        (`wanted[docnum]` is true), by document then position, as two int64 arrays. A segment's
        positions are read from its postings file (index/postings_file.py) when it has them, else
        from Whoosh's blocks; either way the other documents' positions are not decoded."""
        docnums, places = [], []
        for leaf in self.leaves:
            stored = self._postings_file(leaf, field)
            found = (self._file_positions(leaf, stored, text, wanted)
                     if stored is not None and stored.has_positions
                     else self._block_positions(leaf, field, text, wanted))
            if found is not None:
                docnums.append(found[0])
                places.append(found[1])
        if not docnums:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(docnums), np.concatenate(places)

    def open_files(self, *fields: str) -> None:
        """Open every segment's postings file of the fields now, rather than at a first search."""
        for leaf in self.leaves:
            for field in fields:
                self._postings_file(leaf, field)

    def _postings_file(self, leaf: _Leaf, field: str) -> PostingsFile | None:
        key = (id(leaf), field)
        if key not in self._files:
            self._files[key] = _open_postings_file(leaf.reader, field)
        return self._files[key]

    def _file_positions(self, leaf: _Leaf, stored: PostingsFile, text: str, wanted: np.ndarray):
        self.reads.arrays += 1
        start, end = stored.rows(text.encode("utf-8"))
        if start == end:
            return None
        ids = stored.docnums(start, end)
        keep = wanted[ids + leaf.offset]
        if leaf.dead is not None:
            keep &= ~leaf.dead[ids]
        docnums, places = stored.positions(start, end, np.flatnonzero(keep), ids)
        return docnums + leaf.offset, places

    def _block_positions(self, leaf: _Leaf, field: str, text: str, wanted: np.ndarray):
        matcher = self._matcher(leaf, field, text)
        if matcher is None:
            return None
        ids, values = [], []
        for block_ids, _, block in self._blocks(matcher, want_weights=False):
            block._read_values()
            ids.extend(block_ids)
            values.extend(block._values)
        found, keep = leaf.live(ids)
        chosen = np.flatnonzero(wanted[found])
        if keep is not None:  # index into the live ids -> index into all ids
            chosen = np.flatnonzero(keep)[chosen]
        lengths, places = positions_of(leaf.reader.schema[field].format, [values[i] for i in chosen.tolist()])
        return np.repeat(np.asarray(ids, dtype=np.int64)[chosen], lengths) + leaf.offset, places

    def field_lengths(self, field: str) -> np.ndarray:
        """Per docnum, the field's length in terms as float32 (0.0 for deleted documents)."""
        lengths = np.zeros(self.size, dtype=np.float32)
        for leaf in self.leaves:
            reader = leaf.reader
            for docnum in range(reader.doc_count_all()):
                if docnum not in leaf.deleted:
                    lengths[leaf.offset + docnum] = reader.doc_field_length(docnum, field, 0)
        return lengths


def positions_of(format_, values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(how many positions each value holds, all the positions in order) of the stored values of a
    field with this format: klimaviden's PositionArray in one join, Whoosh's Positions format in
    one unpickling (deltas_many), any other format by its own decoder."""
    if type(format_) is PositionArray:
        return PositionArray.decode_many(values)
    if type(format_) is Positions:
        return flatten_gaps(deltas_many(values))
    decoded = [list(format_.decode_positions(value)) for value in values]
    lengths = np.fromiter(map(len, decoded), dtype=np.int64, count=len(decoded))
    return lengths, np.fromiter(chain.from_iterable(decoded), dtype=np.int64, count=int(lengths.sum()))


def deltas_many(values: list[bytes]) -> list[list[int]]:
    """The gaps between the positions (the first from 0) of many Positions values, in one call of
    the unpickler. A value is the count of positions (4 bytes), then the pickled list of the gaps,
    whose final STOP byte may be left out; each pickled list (without its STOP byte) becomes one
    item of an outer list (MARK, the lists, LIST, STOP). A list's last opcode builds it (APPEND or
    APPENDS), so a value ending in "." ends in STOP."""
    if not values:
        return []
    body = b"".join(v[_INT_SIZE:-1] if v.endswith(b".") else v[_INT_SIZE:] for v in values)
    return loads(b"(" + body + b"l.")


def flatten_gaps(gaps: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(how many positions each posting has, all positions in order) from each posting's gaps
    between its positions (the first gap from 0), as int64 arrays.

    >>> [a.tolist() for a in flatten_gaps([[2, 3], [], [7]])]
    [[2, 0, 1], [2, 5, 7]]
    """
    lengths = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    flat = np.fromiter(chain.from_iterable(gaps), dtype=np.int64, count=int(lengths.sum()))
    running = np.cumsum(flat)
    firsts = np.cumsum(lengths) - lengths  # where each posting's positions start
    before = np.concatenate(([0], running))[firsts]  # the sum of the gaps of the postings before
    return lengths, running - np.repeat(before, lengths)


class _One:
    """The block reader of the generic path: a block of one posting."""

    def __init__(self, matcher):
        self._matcher = matcher

    def _read_values(self):
        self._values = (self._matcher.value(),)


def _deleted(leaf_reader) -> frozenset:
    if not leaf_reader.has_deletions():
        return frozenset()
    return frozenset(range(leaf_reader.doc_count_all())) - frozenset(leaf_reader.all_doc_ids())


def _open_postings_file(segment_reader, field: str) -> PostingsFile | None:
    """The segment's postings file of the field, or None: a segment written before such files
    were (or by a plain Whoosh writer), or a reader without segments of its own."""
    segment, storage = getattr(segment_reader, "segment", None), getattr(segment_reader, "storage", None)
    if segment is None or storage is None:
        return None
    if segment() is None:  # a reader of an empty index
        return None
    name = file_name(segment().segment_id(), field)
    if not storage().file_exists(name):
        return None
    return PostingsFile.read(storage().open_file(name))
