"""A segment's postings of one field as flat arrays in a file of their own, read by numpy.

Whoosh keeps postings in compressed, pickled blocks of 128; reading a term means decompressing
and unpickling every block of it: about 0.5 µs a posting for documents and weights and 1.5 µs
with positions (25 ms for a word in 15,000 documents) the first time a search meets the term.
So when the writer writes a segment, it also writes that segment's postings of each field here, beside the segment (index/segment_writer.py), as arrays:

- for each term (sorted, as Whoosh sorts them): where its postings start;
- for each posting: its document number in the segment, and its weight (the stemmed field,
  which ranking reads) or where its positions start (the exact field, which phrases read); the
  other fields (facet values, ids) have their documents only;
- the positions themselves.

A search then reads a term's documents, weights or positions as a few slices of the file's
arrays, with pread (the term table is kept in memory). Whoosh's own postings stay the record: the file is written from
the very postings the segment receives and is checked like every other segment file
(index/integrity.py). The file is named after the segment, so Whoosh removes it with the segment.

Layout (little-endian): MAGIC, then five uint64: the counts of terms, postings, positions and
bytes of the term texts, and what the file holds (flags: HAS_WEIGHTS, HAS_POSITIONS ...); then
term_keys uint64[terms] (a term's first 8 bytes as a big-endian number: sorted as the terms
are, so numpy finds a term by them), term_ends int64[terms] (where each term's text ends in the
texts), the texts, term_starts int64[terms + 1], docnums int32[postings], weights
float32[postings] (or none), position_starts uint32[postings + 1] (or none), positions
int32[positions]; docnums and positions are uint16 instead when all of them are below 65,536
(SMALL_DOCNUMS, SMALL_POSITIONS); each array starts at a multiple of 8 bytes.
"""

from __future__ import annotations

import io
import os
import weakref
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

MAGIC = b"KVPST\x00\x01\n"
HAS_WEIGHTS, HAS_POSITIONS = 1, 2
SMALL_DOCNUMS, SMALL_POSITIONS = 4, 8  # docnums or positions below 65,536: stored as uint16
_HEADER = np.dtype("<u8")
_DOCNUM, _WEIGHT, _VALUE = itemgetter(2), itemgetter(3), itemgetter(4)  # of a Whoosh posting
_LAYOUT = (("term_keys", "<u8"), ("term_ends", "<i8"), ("texts", "u1"), ("term_starts", "<i8"),
           ("docnums", "<i4"), ("weights", "<f4"), ("position_starts", "<u4"), ("positions", "<i4"))
_SMALL = {"docnums": SMALL_DOCNUMS, "positions": SMALL_POSITIONS}  # the arrays that may be uint16
_MAX_POSITIONS = 2**32 - 1  # position_starts are uint32


def file_name(segment_id: str, field: str) -> str:
    """The file of a segment's postings of a field: "MAIN_<id>.<field>.postings", a name Whoosh
    counts as the segment's (and deletes with it)."""
    return f"{segment_id}.{field}.postings"


class DamagedPostings(ValueError):
    """A postings file that is not what the writer wrote."""


@dataclass(frozen=True)
class FieldPostings:
    """One field's postings in one segment, as the arrays the file holds."""

    terms: tuple[bytes, ...]
    term_starts: np.ndarray  # int64, len(terms) + 1
    docnums: np.ndarray  # int32, one per posting
    weights: np.ndarray | None = None  # float32, one per posting
    position_starts: np.ndarray | None = None  # one per posting + 1
    positions: np.ndarray | None = None  # int32

    def to_bytes(self) -> bytes:
        positions = self.positions if self.positions is not None else np.zeros(0, dtype=np.int32)
        if len(positions) > _MAX_POSITIONS:
            raise ValueError("too many positions for one segment's postings file")
        texts = b"".join(self.terms)
        arrays = {"term_keys": np.array([_key(t) for t in self.terms], dtype=np.uint64),
                  "term_ends": np.cumsum([len(t) for t in self.terms], dtype=np.int64),
                  "texts": np.frombuffer(texts, dtype=np.uint8), "term_starts": self.term_starts,
                  "docnums": self.docnums, "weights": _or_none(self.weights, np.float32),
                  "position_starts": _or_none(self.position_starts, np.uint32), "positions": positions}
        holds = (HAS_WEIGHTS if self.weights is not None else 0) | (HAS_POSITIONS if self.position_starts is not None else 0)
        for name, flag in _SMALL.items():
            if not len(arrays[name]) or int(arrays[name].max()) < 1 << 16:
                holds |= flag
        out = io.BytesIO()
        out.write(MAGIC)
        out.write(np.array([len(self.terms), len(self.docnums), len(positions), len(texts), holds],
                           dtype=_HEADER).tobytes())
        for name, dtype in _LAYOUT:
            out.write(np.ascontiguousarray(arrays[name], dtype=_dtype(name, dtype, holds)).tobytes())
            out.write(b"\0" * (-out.tell() % 8))
        return out.getvalue()


def _dtype(name: str, dtype: str, holds: int) -> str:
    """The array's type in a file holding `holds`: uint16 for small docnums or positions."""
    return "<u2" if holds & _SMALL.get(name, 0) else dtype


def _or_none(values: np.ndarray | None, dtype) -> np.ndarray:
    return values if values is not None else np.zeros(0, dtype=dtype)


class PostingsBuilder:
    """Collects a field's postings as the writer writes them (sorted by term, then document) and
    builds the arrays: with their positions when `decode` is given, which turns the postings'
    stored values into (how many positions each holds, all of them in order), else with their
    weights when `weights`, else documents only."""

    def __init__(self, decode=None, weights: bool = True):
        self._decode = decode
        self._weights = weights and decode is None
        self._terms: list[bytes] = []
        self._counts: list[int] = []
        self._docnums: list[int] = []
        self._extra: list = []  # per posting: its weight, or its stored value (positions)

    def add_postings(self, term: bytes, postings: list[tuple]) -> None:
        """A term's postings, (field, term, docnum, weight, value) in document order, after
        those of the terms before it."""
        if self._terms and term <= self._terms[-1]:
            raise ValueError("postings must come sorted by term")
        self._terms.append(term)
        self._counts.append(len(postings))
        self._docnums.extend(map(_DOCNUM, postings))
        if self._decode or self._weights:
            self._extra.extend(map(_VALUE if self._decode else _WEIGHT, postings))

    def build(self) -> FieldPostings:
        term_starts = np.zeros(len(self._counts) + 1, dtype=np.int64)
        np.cumsum(self._counts, out=term_starts[1:])
        docnums = np.asarray(self._docnums, dtype=np.int32)
        if self._decode is None:
            weights = np.asarray(self._extra, dtype=np.float32) if self._weights else None
            return FieldPostings(tuple(self._terms), term_starts, docnums, weights=weights)
        lengths, positions = self._decode(self._extra)
        position_starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=position_starts[1:])
        return FieldPostings(tuple(self._terms), term_starts, docnums,
                             position_starts=position_starts, positions=positions.astype(np.int32))


def _key(term: bytes) -> int:
    """The term's first 8 bytes as a big-endian number (zero-padded: terms hold no zero bytes)."""
    return int.from_bytes(term[:8].ljust(8, b"\0"), "big")


class PostingsFile:
    """A postings file opened for reading: its term table in memory, a term's documents, weights
    and positions read from the file when asked for (with pread: mapping the file would count its
    pages in every web worker's resident memory)."""

    _IN_MEMORY = ("term_keys", "term_ends", "texts", "term_starts")

    def __init__(self, read_at, size: int):
        """`read_at(offset, length)` reads the file's bytes; `size` is its length."""
        self._read_at = read_at
        header = read_at(0, len(MAGIC) + 5 * _HEADER.itemsize)
        if header[:len(MAGIC)] != MAGIC or len(header) < len(MAGIC) + 5 * _HEADER.itemsize:
            raise DamagedPostings("not a postings file")
        terms, postings, positions, texts, holds = np.frombuffer(header, dtype=_HEADER, offset=len(MAGIC)).tolist()
        counts = {"term_keys": terms, "term_ends": terms, "texts": texts, "term_starts": terms + 1,
                  "docnums": postings, "weights": postings if holds & HAS_WEIGHTS else 0,
                  "position_starts": postings + 1 if holds & HAS_POSITIONS else 0, "positions": positions}
        self._layout: dict[str, tuple[int, np.dtype]] = {}
        offset = len(header)
        for name, dtype in _LAYOUT:
            dtype = np.dtype(_dtype(name, dtype, holds))
            self._layout[name] = (offset, dtype)
            length = counts[name] * dtype.itemsize
            offset += length + (-length % 8)
        if offset != size:
            raise DamagedPostings("the file ends too early" if offset > size else "the file is longer than its contents")
        self.has_weights = bool(holds & HAS_WEIGHTS)
        self.has_positions = bool(holds & HAS_POSITIONS)
        self._term_keys = self._array("term_keys", 0, terms)
        self._term_ends = self._array("term_ends", 0, terms)
        self._texts = self._array("texts", 0, texts).tobytes()
        self._term_starts = self._array("term_starts", 0, terms + 1)

    @classmethod
    def read(cls, structfile) -> "PostingsFile":
        """Open from a Whoosh storage file: a real file is read with pread from a descriptor of
        its own (closed with this object), any other is read whole."""
        try:
            try:
                fd = os.dup(structfile.fileno())
            except (AttributeError, io.UnsupportedOperation, OSError):
                return cls.from_bytes(structfile.read())
        finally:
            structfile.close()
        try:
            opened = cls(lambda offset, length: os.pread(fd, length, offset), os.fstat(fd).st_size)
        except BaseException:
            os.close(fd)
            raise
        weakref.finalize(opened, os.close, fd)
        return opened

    @classmethod
    def from_bytes(cls, data: bytes) -> "PostingsFile":
        return cls(lambda offset, length: data[offset:offset + length], len(data))

    def _array(self, name: str, start: int, count: int) -> np.ndarray:
        """Items [start, start + count) of one of the file's arrays."""
        offset, dtype = self._layout[name]
        raw = self._read_at(offset + start * dtype.itemsize, count * dtype.itemsize)
        if len(raw) != count * dtype.itemsize:
            raise DamagedPostings("the file ends too early")
        return np.frombuffer(raw, dtype=dtype)

    def rows(self, term: bytes) -> tuple[int, int]:
        """The term's postings: rows [start, end) (empty when the term is absent)."""
        key = np.uint64(_key(term))
        first = int(np.searchsorted(self._term_keys, key, side="left"))
        last = int(np.searchsorted(self._term_keys, key, side="right"))
        for i in range(first, last):  # the terms that begin with the same 8 bytes
            start = int(self._term_ends[i - 1]) if i else 0
            if self._texts[start:int(self._term_ends[i])] == term:
                return int(self._term_starts[i]), int(self._term_starts[i + 1])
        return 0, 0

    def docnums(self, start: int, end: int) -> np.ndarray:
        """The segment docnums of rows [start, end), as int64."""
        return self._array("docnums", start, end - start).astype(np.int64)

    def weights(self, start: int, end: int) -> np.ndarray:
        """The weights of rows [start, end) (a file that has them), as float32."""
        return self._array("weights", start, end - start)

    def positions(self, start: int, end: int, chosen: np.ndarray, docnums: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the docnum of each position, the position), as int64, of the rows start + chosen (a
        sorted array of indices into rows [start, end), whose docnums(start, end) are `docnums`),
        in row order."""
        bounds = self._array("position_starts", start, end - start + 1).astype(np.int64)
        first = int(bounds[0])
        places = self._array("positions", first, int(bounds[-1]) - first)
        starts = bounds[chosen] - first
        lengths = bounds[chosen + 1] - first - starts
        # each position's index among the term's: its posting's first position plus its place after it
        shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return np.repeat(docnums[chosen], lengths), places[shift + np.arange(int(lengths.sum()))].astype(np.int64)
