"""Every read of Whoosh's stored postings: which documents hold a term, with what weight, where.

Whoosh's public matcher API costs microseconds per posting (a Python call per document and term);
a common word at 20,000 documents costs 100 ms that way. This module reads the W3 codec's blocks
(up to 128 postings each) a block at a time through the leaf matcher's private members
(`_read_ids`, `_read_weights`, `_read_values`, `_next_block`, `_atend`, `_ids`, `_weights`,
`_values`). It is the only module in klimaviden that knows them, so:

- it refuses to load with a Whoosh series other than the one it was written and tested for;
- an absent term is Whoosh's TermNotFound and nothing else: a damaged segment raises;
- a segment with deletions is read on the same fast path (Whoosh would wrap its matcher in a
  FilterMatcher, a per-posting filter); deleted documents are dropped here, from a set read once
  per open reader.

`reads` counts segment reads per path (fast, generic), so tests can tell which one ran.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import whoosh
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

SUPPORTED_WHOOSH = (2, 7)  # the W3 block layout read below; setup.cfg pins whoosh-reloaded 2.7.x
_PRIVATE_METHODS = ("_read_ids", "_read_weights", "_read_values", "_next_block")

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


class Postings:
    """The postings of one open reader (single segment or multi-segment), in global docnums."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self.leaves = [
            _Leaf(leaf, offset, _deleted(leaf)) for leaf, offset in reader.leaf_readers()
        ]
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
                matcher._read_ids()
                if want_weights:
                    matcher._read_weights()
                yield matcher._ids, (matcher._weights if want_weights else None), matcher
                matcher._next_block()
            return
        self.reads.generic += 1  # an inlined or in-memory posting list: one posting at a time
        while matcher.is_active():
            yield (matcher.id(),), ((matcher.weight(),) if want_weights else None), _One(matcher)
            matcher.next()

    def read(self, field: str, text: str) -> tuple[list[int], list[float]]:
        """(docnums, weights) of the live documents holding the term, ascending."""
        docnums: list[int] = []
        weights: list[float] = []
        for leaf, matcher in self._matchers(field, text):
            offset, deleted = leaf.offset, leaf.deleted
            for ids, block_weights, _ in self._blocks(matcher, want_weights=True):
                if deleted:
                    kept = [i for i, d in enumerate(ids) if d not in deleted]
                    docnums.extend(offset + ids[i] for i in kept)
                    weights.extend(block_weights[i] for i in kept)
                else:
                    docnums.extend(offset + d for d in ids)
                    weights.extend(block_weights)
        return docnums, weights

    def docnums(self, field: str, text: str) -> list[int]:
        """The live documents holding the term, ascending."""
        out: list[int] = []
        for leaf, matcher in self._matchers(field, text):
            offset, deleted = leaf.offset, leaf.deleted
            for ids, _, _ in self._blocks(matcher, want_weights=False):
                out.extend(offset + d for d in ids if d not in deleted)
        return out

    def positions(self, field: str, text: str, wanted, decode) -> dict[int, frozenset]:
        """docnum -> positions of the term, for the wanted live documents only (values of the
        other documents are not decoded). `decode` is the field format's decode_positions."""
        out: dict[int, frozenset] = {}
        for leaf, matcher in self._matchers(field, text):
            offset, deleted = leaf.offset, leaf.deleted
            for ids, _, block in self._blocks(matcher, want_weights=False):
                values = None
                for i, leaf_docnum in enumerate(ids):
                    docnum = offset + leaf_docnum
                    if docnum in wanted and leaf_docnum not in deleted:
                        if values is None:
                            block._read_values()
                            values = block._values
                        out[docnum] = frozenset(decode(values[i]))
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
