"""Whoosh's segment writer with field lengths read once per field when postings are written.

When a segment is flushed, Whoosh writes each posting with its document's field length, looked up
one posting at a time through the length columns (and, for a field without lengths, a look for
the column's file every time): about a fifth of a full build's writer time. Here the lengths are
read once per field and segment, and every posting gets the same length as before, so the segment
is the same. This module is the only one that relies on how Whoosh's SegmentWriter flushes (it
asks per_document_reader() for the lengths); whoosh-reloaded is pinned below 2.8 in setup.cfg.
"""

from __future__ import annotations

from whoosh.writing import SegmentWriter


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


class LengthsOnceWriter(SegmentWriter):
    """A SegmentWriter (what Index.writer() gives) that reads field lengths once per field."""

    def per_document_reader(self):
        return LengthsOnce(super().per_document_reader())
