"""Writing Documents into a Whoosh index generation, and reading back what is in it."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from index.faults import checkpoint
from index.lock import close_in_children
from index.prepare import PreparedDocument, prepare
from index.segment_writer import FastFlushWriter

WRITER_MEMORY_MB = 512
# Documents per commit of a full rebuild: small enough that one batch's postings sort in memory.
REBUILD_BATCH = 3000
# Only a reindex holding the reindex lock opens a writer, so Whoosh's own write lock can only be
# held by a parser process of a killed run that is about to exit: wait for it briefly.
WRITER_LOCK_WAIT = 15.0


@dataclass(frozen=True)
class Indexed:
    """What the index remembers of a file, enough to tell whether it changed."""

    id: str
    path: str
    size: int
    mtime_ns: int
    checksum: str
    deps: str


class BatchWriter:
    """A Whoosh writer that can commit every `batch` documents (for a generation nobody reads yet:
    a full rebuild), so each batch is sorted in memory instead of spilled to temporary runs."""

    def __init__(self, ix, batch: int | None = None):
        self.ix = ix
        self.batch = batch
        self.pending = 0
        self._writer = None
        self._guard = None

    @property
    def writer(self):
        if self._writer is None:
            self._writer = FastFlushWriter(
                self.ix, limitmb=WRITER_MEMORY_MB, timeout=WRITER_LOCK_WAIT, delay=0.05
            )
            self._guard = close_in_children(getattr(self._writer.writelock, "fd", None))
            self._guard.__enter__()
        return self._writer

    def put(self, doc, mtime_ns: int, deps: str = "", *, new: bool = False) -> None:
        put(self.writer, doc, mtime_ns, deps, new=new)
        self.pending += 1
        if self.batch and self.pending >= self.batch:
            self._finish(merge=False)

    def remove(self, doc_id: str) -> None:
        remove(self.writer, doc_id)

    def _finish(self, merge: bool = True) -> None:
        writer, self._writer, self.pending = self._writer, None, 0
        try:
            writer.commit(merge=merge)
        finally:
            self._guard.__exit__(None, None, None)

    def commit(self, before: Callable[[int], None] | None = None) -> None:
        """Commit what was written; `before(generation)` runs first, told the Whoosh generation
        the commit creates."""
        if self._writer is not None:
            if before is not None:
                before(self._writer.generation)
            checkpoint("writer.commit")
            self._finish(merge=not self.batch)

    def cancel(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            try:
                writer.cancel()
            finally:
                self._guard.__exit__(None, None, None)


@contextmanager
def open_writer(ix, batch: int | None = None, before_commit: Callable[[int], None] | None = None):
    """A BatchWriter; committed when the block ends (see BatchWriter.commit for before_commit),
    cancelled if it raises (a batch committed earlier stays: use batches only for a generation
    that is not live yet)."""
    writer = BatchWriter(ix, batch)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    writer.commit(before_commit)


def put(writer, doc, mtime_ns: int, deps: str = "", *, new: bool = False) -> None:
    """Add a Document, replacing any earlier version with the same id (unless known to be new).
    `doc` may be a PreparedDocument (analysed in a parser process) or a Document (prepared here)."""
    prepared = doc if isinstance(doc, PreparedDocument) else prepare(doc)
    fields = prepared.fields(mtime_ns, deps)
    if new:
        writer.add_document(**fields)
    else:
        writer.update_document(**fields)


def remove(writer, doc_id: str) -> None:
    writer.delete_by_term("id", doc_id)


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _indexed_by_docnum(reader):
    """(docnum, Indexed) of every live document, read from columns."""
    if not reader.doc_count_all():  # an empty index has no columns
        return
    # each column read whole, in order (a lookup per document and column costs several times more)
    ids, paths, sizes, mtimes, checksums, deps = (
        list(reader.column_reader(name)) for name in ("id", "path", "size", "mtime_ns", "checksum", "deps")
    )
    for docnum in reader.all_doc_ids():
        yield docnum, Indexed(
            id=_text(ids[docnum]),
            path=_text(paths[docnum]),
            size=int(sizes[docnum]),
            mtime_ns=int(mtimes[docnum]),
            checksum=_text(checksums[docnum]),
            deps=_text(deps[docnum]),
        )


def indexed_files(reader) -> dict[str, Indexed]:
    """Every live document's stat and checksum, by corpus-relative path (read from columns)."""
    return {entry.path: entry for _, entry in _indexed_by_docnum(reader)}


def passage_count(reader) -> int:
    """Passages (pages, slides, sections) of all live documents."""
    if not reader.doc_count_all():  # an empty index has no columns
        return 0
    column = reader.column_reader("passages")
    return sum(int(column[d]) for d in reader.all_doc_ids())


def stored_records(reader, wanted: Callable[[str], bool]) -> list[tuple[dict, Indexed]]:
    """The stored Document records (as_dict) of the live documents whose path is `wanted`, with what
    the index remembers of their files: a rebuild carries them over when their files cannot be read."""
    return [
        (json.loads(reader.stored_fields(docnum)["doc"]), entry)
        for docnum, entry in _indexed_by_docnum(reader)
        if wanted(entry.path)
    ]
