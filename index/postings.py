"""Every read of Whoosh's stored postings: which documents hold a term, with what weight, where.

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

`reads` counts segment reads per path (fast, generic), so tests can tell which one ran.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from pickle import loads

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE

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

    def _matchers(self, field: str, text: str):
        """(leaf, matcher) for each segment holding the term, unfiltered."""
        for leaf in self.leaves:
            try:
                matcher = leaf.reader.postings(field, text)
            except TermNotFound:
                continue
            if isinstance(matcher, FilterMatcher):  # the segment has deletions: filtered below
                matcher = matcher.child
                matcher.reset()
            yield leaf, matcher

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
        """(docnums as int64, weights as float64) of the live documents holding the term, ascending."""
        docnums, weights = [], []
        for leaf, matcher in self._matchers(field, text):
            ids, found_weights = [], []
            for block_ids, block_weights, _ in self._blocks(matcher, want_weights=True):
                ids.extend(block_ids)
                found_weights.extend(block_weights)
            found, keep = leaf.live(ids)
            docnums.append(found)
            weights.append(np.asarray(found_weights, dtype=np.float64)[keep] if keep is not None
                           else np.asarray(found_weights, dtype=np.float64))
        if not docnums:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(docnums), np.concatenate(weights)

    def docnums(self, field: str, text: str) -> np.ndarray:
        """The live documents holding the term, ascending, as int64."""
        out = []
        for leaf, matcher in self._matchers(field, text):
            ids = []
            for block_ids, _, _ in self._blocks(matcher, want_weights=False):
                ids.extend(block_ids)
            out.append(leaf.live(ids)[0])
        return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)

    def positions(self, field: str, text: str, wanted: np.ndarray) -> dict[int, frozenset]:
        """docnum -> positions of the term, for the wanted live documents only (`wanted[docnum]`
        is true; the positions of the other documents are not decoded)."""
        out: dict[int, frozenset] = {}
        for leaf, matcher in self._matchers(field, text):
            decode = _positions_decoder(leaf.reader.schema[field].format)
            ids, values = [], []
            for block_ids, _, block in self._blocks(matcher, want_weights=False):
                block._read_values()
                ids.extend(block_ids)
                values.extend(block._values)
            found, keep = leaf.live(ids)
            chosen = np.flatnonzero(wanted[found])
            if keep is not None:  # index into the live ids -> index into all ids
                chosen = np.flatnonzero(keep)[chosen]
            chosen = chosen.tolist()
            if decode is _decode_positions:  # Whoosh's own format: all of them in one unpickling
                decoded = _decode_positions_many([values[i] for i in chosen])
            else:
                decoded = [decode(values[i]) for i in chosen]
            for i, places in zip(chosen, decoded):
                out[leaf.offset + ids[i]] = places
        return out

    def field_lengths(self, field: str) -> np.ndarray:
        """Per docnum, the field's length in terms as float32 (0.0 for deleted documents)."""
        lengths = np.zeros(self.size, dtype=np.float32)
        for leaf in self.leaves:
            reader = leaf.reader
            for docnum in range(reader.doc_count_all()):
                if docnum not in leaf.deleted:
                    lengths[leaf.offset + docnum] = reader.doc_field_length(docnum, field, 0)
        return lengths


def _positions_decoder(format_):
    """value -> frozenset of positions: Whoosh's Positions format read by _decode_positions, or
    the format's own decoder for any other format."""
    if type(format_) is not Positions:
        return lambda value: frozenset(format_.decode_positions(value))
    return _decode_positions


def _decode_positions(value: bytes) -> frozenset:
    """A Positions value: the count of positions (4 bytes), then the pickled list of their deltas,
    whose final STOP byte may be left out."""
    body = value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b"."
    return frozenset(accumulate(loads(body)))


def _decode_positions_many(values: list[bytes]) -> list[frozenset]:
    """_decode_positions of many values in one call of the unpickler: each value's pickled list
    (its STOP byte left out) becomes one item of an outer list (MARK, the lists, LIST, STOP). A
    list's last opcode builds it (APPEND or APPENDS), so a value ending in "." ends in STOP."""
    if not values:
        return []
    body = b"".join(v[_INT_SIZE:-1] if v.endswith(b".") else v[_INT_SIZE:] for v in values)
    return [frozenset(accumulate(deltas)) for deltas in loads(b"(" + body + b"l.")]


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
