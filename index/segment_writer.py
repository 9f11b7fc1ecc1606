"""Whoosh's segment writer with two cheaper steps when a commit writes a segment's postings.

- Postings are put in order by grouping them per term (one pass), then sorting the terms and
  each term's postings (already in document order, so that sort is one pass too), instead of
  sorting every posting against every other: sorting took about a fifth of a full build's writer
  time. The order is exactly the sorted order; a pool that spilled to disk is merged by Whoosh.
- Each posting is written with its document's field length, which Whoosh looks up one posting at
  a time through the length columns (and, for a field without lengths, by looking for the
  column's file every time). Here each field's lengths are read once per segment.

Besides the segment, it writes the segment's postings of each indexed field in a file numpy
reads (index/postings_file.py), from the very postings it writes: with their weights for a scored
field, with their positions for a field that has them (the exact words, for quoted phrases); a
search's first read of a term, or a reader's first read of the facet values, then reads array
slices instead of unpickling Whoosh's blocks. Merged segments pass
through the same flush, so every segment it writes has its files.

The segment written is the same as Whoosh's own. This module is the only one that relies on how
Whoosh's SegmentWriter flushes (its `pool`, and per_document_reader() for the lengths);
whoosh-reloaded is pinned below 2.8 in setup.cfg.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import itemgetter
from functools import partial

from whoosh.writing import PostingPool, SegmentWriter

from index.postings_file import PostingsBuilder, file_name
from index.postings import positions_of


class TermGroupedPool(PostingPool):
    """Whoosh's posting pool, whose in-memory postings come out sorted by grouping them per term;
    the postings of the fields in `builders` are also given to their PostingsBuilder, a term at
    a time, as they go out to the segment."""

    def __init__(self, *args, builders: dict[str, PostingsBuilder] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.builders = builders or {}

    def items(self, maxfiles=128):
        if self.runs:  # spilled to disk: Whoosh merges the sorted runs
            return self._grouped(groupby(super().items(maxfiles), key=itemgetter(0, 1)))
        by_term = defaultdict(list)
        for posting in self.current:  # (fieldname, term bytes, docnum, weight, value bytes)
            by_term[posting[0], posting[1]].append(posting)
        return self._grouped((term, sorted(by_term[term])) for term in sorted(by_term))

    def _grouped(self, groups):
        """The postings of each (field, term) group in turn, each group shown to its field's builder."""
        for (field, term), postings in groups:
            builder = self.builders.get(field)
            if builder is not None:
                postings = list(postings)
                builder.add_postings(term, postings)
            yield from postings


class LengthsOnce:
    """A per-document reader's field lengths, each field's read once (for FieldWriter.add_postings)."""

    def __init__(self, reader):
        self._reader = reader
        self._lengths: dict[str, list | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        if default != 0:
            return self._reader.doc_field_length(docnum, fieldname, default)
        try:
            lengths = self._lengths[fieldname]
        except KeyError:
            lengths = self._lengths[fieldname] = self._read(fieldname)
        return 0 if lengths is None else lengths[docnum]

    def _read(self, fieldname: str) -> list | None:
        """Every document's length in the field; None when no document has one (all read as 0)."""
        if not self._reader.field_length(fieldname):
            return None
        read = self._reader.doc_field_length
        return [read(docnum, fieldname) for docnum in range(self._reader.doc_count_all())]

    def close(self) -> None:
        self._reader.close()


class FastFlushWriter(SegmentWriter):
    """A SegmentWriter (what Index.writer() gives) with a TermGroupedPool and LengthsOnce."""

    def __init__(self, ix, *, limitmb: int = 128, **kwargs):
        super().__init__(ix, limitmb=limitmb, **kwargs)
        self.pool = TermGroupedPool(self._tempstorage, self.newsegment, limitmb=limitmb,
                                    builders=_builders(self.schema))

    def _assemble_segment(self):
        """Whoosh's assembly of the segment's files, then the postings files beside it (after, so
        they stay files of their own, mapped into memory when read)."""
        super()._assemble_segment()
        segment_id = self.get_segment().segment_id()
        for name, builder in self.pool.builders.items():
            out = self.storage.create_file(file_name(segment_id, name))
            try:
                out.write(builder.build().to_bytes())
            finally:
                out.close()

    def per_document_reader(self):
        return LengthsOnce(super().per_document_reader())


def _builders(schema) -> dict[str, PostingsBuilder]:
    """A PostingsBuilder for each indexed field: of positions where the field has them, of weights
    where it is scored, of documents only for the others (facet values, ids)."""
    return {name: PostingsBuilder(partial(positions_of, field.format) if field.format.supports("positions") else None,
                                  weights=field.scorable)
            for name, field in schema.items() if field.indexed}
