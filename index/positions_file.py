"""A segment's word positions of one field as flat arrays in a file of their own, read by numpy.

Whoosh keeps a posting's positions as a small pickle inside compressed blocks of 128 postings;
reading a common word's positions means decompressing and unpickling every block of it (about
1.5 µs a posting: 25 ms for a word in 15,000 documents) before a quoted phrase can be checked.
So when the writer writes a segment, it also writes that segment's positions of the field here,
beside the segment (index/segment_writer.py), as four arrays:

- for each term (sorted, as Whoosh sorts them): where its postings start;
- for each posting: its document number in the segment, and where its positions start;
- the positions themselves.

A phrase then reads a word's positions in the wanted documents by slicing and gathering arrays
of the file, mapped into memory. Whoosh's own postings stay the record: the file is written from
the very postings the segment receives and is checked like every other segment file
(index/integrity.py). The file is named after the segment, so Whoosh removes it with the segment.

Layout (little-endian): MAGIC, then the counts (terms, postings, positions, bytes of the term
texts) as four uint64, then term_keys uint64[terms] (a term's first 8 bytes as a big-endian
number: sorted as the terms are, so numpy finds a term by them), term_ends int64[terms] (where
each term's text ends in the texts), the texts, term_starts int64[terms + 1], docnums
int32[postings], position_starts uint32[postings + 1], positions int32[positions]; each array
starts at a multiple of 8 bytes.
"""

from __future__ import annotations

import io
import mmap
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter

import numpy as np

MAGIC = b"KVPOS\x00\x01\n"
_COUNTS = np.dtype("<u8")
_DOCNUM, _VALUE = itemgetter(2), itemgetter(4)  # of a Whoosh posting (field, term, docnum, weight, value)
_LAYOUT = (("term_keys", "<u8"), ("term_ends", "<i8"), ("texts", "u1"), ("term_starts", "<i8"),
           ("docnums", "<i4"), ("position_starts", "<u4"), ("positions", "<i4"))
_MAX_POSITIONS = 2**32 - 1  # position_starts are uint32


def file_name(segment_id: str, field: str) -> str:
    """The file of a segment's positions of a field: "MAIN_<id>.<field>.positions", a name Whoosh
    counts as the segment's (and deletes with it)."""
    return f"{segment_id}.{field}.positions"


class DamagedPositions(ValueError):
    """A positions file that is not what the writer wrote."""


@dataclass(frozen=True)
class FieldPositions:
    """One field's positions in one segment, as the arrays the file holds."""

    terms: tuple[bytes, ...]
    term_starts: np.ndarray  # int64, len(terms) + 1
    docnums: np.ndarray  # int32, one per posting
    position_starts: np.ndarray  # int64, one per posting + 1
    positions: np.ndarray  # int32

    def to_bytes(self) -> bytes:
        if len(self.positions) > _MAX_POSITIONS:
            raise ValueError("too many positions for one segment's positions file")
        texts = b"".join(self.terms)
        term_ends = np.cumsum([len(t) for t in self.terms], dtype=np.int64)
        term_keys = np.array([_key(t) for t in self.terms], dtype=np.uint64)
        arrays = {"term_keys": term_keys, "term_ends": term_ends, "texts": np.frombuffer(texts, dtype=np.uint8),
                  "term_starts": self.term_starts, "docnums": self.docnums,
                  "position_starts": self.position_starts, "positions": self.positions}
        out = io.BytesIO()
        out.write(MAGIC)
        out.write(np.array([len(self.terms), len(self.docnums), len(self.positions), len(texts)],
                           dtype=_COUNTS).tobytes())
        for name, dtype in _LAYOUT:
            out.write(np.ascontiguousarray(arrays[name], dtype=dtype).tobytes())
            out.write(b"\0" * (-out.tell() % 8))
        return out.getvalue()


class PositionsBuilder:
    """Collects a field's postings as the writer writes them (sorted by term, then document) and
    builds the arrays; `decode` turns the postings' stored values into (how many positions each
    holds, all the positions in order)."""

    def __init__(self, decode):
        self._decode = decode
        self._terms: list[bytes] = []
        self._counts: list[int] = []
        self._docnums: list[int] = []
        self._values: list[bytes] = []

    def add_postings(self, term: bytes, postings: list[tuple]) -> None:
        """A term's postings, (field, term, docnum, weight, value) in document order, after
        those of the terms before it."""
        if self._terms and term <= self._terms[-1]:
            raise ValueError("postings must come sorted by term")
        self._terms.append(term)
        self._counts.append(len(postings))
        self._docnums.extend(map(_DOCNUM, postings))
        self._values.extend(map(_VALUE, postings))

    def build(self) -> FieldPositions:
        lengths, positions = self._decode(self._values)
        position_starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=position_starts[1:])
        term_starts = np.zeros(len(self._counts) + 1, dtype=np.int64)
        np.cumsum(self._counts, out=term_starts[1:])
        return FieldPositions(tuple(self._terms), term_starts, np.asarray(self._docnums, dtype=np.int32),
                              position_starts, positions.astype(np.int32))


def _key(term: bytes) -> int:
    """The term's first 8 bytes as a big-endian number (zero-padded: terms hold no zero bytes)."""
    return int.from_bytes(term[:8].ljust(8, b"\0"), "big")


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


class PositionsFile:
    """A positions file opened for reading: a term's postings and their positions."""

    def __init__(self, buffer):
        view = memoryview(buffer)
        if bytes(view[:len(MAGIC)]) != MAGIC:
            raise DamagedPositions("not a positions file")
        offset = len(MAGIC)
        terms, postings, positions, texts = np.frombuffer(view, dtype=_COUNTS, count=4, offset=offset).tolist()
        offset += 4 * _COUNTS.itemsize
        counts = {"term_keys": terms, "term_ends": terms, "texts": texts, "term_starts": terms + 1, "docnums": postings,
                  "position_starts": postings + 1, "positions": positions}
        arrays = {}
        for name, dtype in _LAYOUT:
            size = counts[name] * np.dtype(dtype).itemsize
            if offset + size > len(view):
                raise DamagedPositions("the file ends too early")
            arrays[name] = np.frombuffer(view, dtype=dtype, count=counts[name], offset=offset)
            offset += size + (-size % 8)
        if offset != len(view):
            raise DamagedPositions("the file is longer than its contents")
        self._texts = arrays["texts"].tobytes()
        self._term_keys = arrays["term_keys"]
        self._term_ends = arrays["term_ends"]
        self.term_starts = arrays["term_starts"]
        self.docnums = arrays["docnums"]
        self.position_starts = arrays["position_starts"]
        self.positions = arrays["positions"]

    @classmethod
    def read(cls, structfile) -> "PositionsFile":
        """Open from a Whoosh storage file (mapped into memory when it is a real file)."""
        try:
            try:
                buffer = mmap.mmap(structfile.fileno(), 0, access=mmap.ACCESS_READ)
            except (AttributeError, io.UnsupportedOperation, OSError, ValueError):
                buffer = structfile.read()
        finally:
            structfile.close()
        return cls(buffer)

    def rows(self, term: bytes) -> tuple[int, int]:
        """The term's postings: rows [start, end) of docnums (empty when the term is absent)."""
        key = np.uint64(_key(term))
        first = int(np.searchsorted(self._term_keys, key, side="left"))
        last = int(np.searchsorted(self._term_keys, key, side="right"))
        for i in range(first, last):  # the terms that begin with the same 8 bytes
            start = int(self._term_ends[i - 1]) if i else 0
            if self._texts[start:int(self._term_ends[i])] == term:
                return int(self.term_starts[i]), int(self.term_starts[i + 1])
        return 0, 0

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the docnum of each position, the position) of the postings at `rows`, in row order."""
        starts = self.position_starts[rows].astype(np.int64)
        lengths = self.position_starts[rows + 1].astype(np.int64) - starts
        total = int(lengths.sum())
        # each position's index in the file: its posting's first position plus its place after it
        shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return np.repeat(self.docnums[rows], lengths), self.positions[shift + np.arange(total)]
