"""Writing Documents into a Whoosh index generation, and reading back what is in it."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from index.faults import checkpoint
from index.lock import close_in_children
from index.schema import document_fields

WRITER_MEMORY_MB = 256
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


@contextmanager
def open_writer(ix):
    """One writer; committed when the block ends, cancelled (nothing written) if it raises."""
    writer = ix.writer(limitmb=WRITER_MEMORY_MB, timeout=WRITER_LOCK_WAIT, delay=0.05)
    with close_in_children(getattr(writer.writelock, "fd", None)):
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        checkpoint("writer.commit")
        writer.commit()


def put(writer, doc, mtime_ns: int, deps: str = "", *, new: bool = False) -> None:
    """Add a Document, replacing any earlier version with the same id (unless known to be new)."""
    fields = document_fields(doc, mtime_ns, deps)
    if new:
        writer.add_document(**fields)
    else:
        writer.update_document(**fields)


def remove(writer, doc_id: str) -> None:
    writer.delete_by_term("id", doc_id)


def _text(value) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def indexed_files(reader) -> dict[str, Indexed]:
    """Every live document's stat and checksum, by corpus-relative path (read from columns)."""
    columns = {
        name: reader.column_reader(name) for name in ("id", "path", "size", "mtime_ns", "checksum", "deps")
    }
    out = {}
    for docnum in reader.all_doc_ids():
        entry = Indexed(
            id=_text(columns["id"][docnum]),
            path=_text(columns["path"][docnum]),
            size=int(columns["size"][docnum]),
            mtime_ns=int(columns["mtime_ns"][docnum]),
            checksum=_text(columns["checksum"][docnum]),
            deps=_text(columns["deps"][docnum]),
        )
        out[entry.path] = entry
    return out


def passage_count(reader) -> int:
    """Passages (pages, slides, sections) of all live documents."""
    column = reader.column_reader("passages")
    return sum(int(column[d]) for d in reader.all_doc_ids())
