"""Bringing the index up to date with the corpus: incremental by default, full on request or when
the schema, the analyzer or the taxonomy changed.

Unchanged files (same size, mtime and metadata files) are neither read nor parsed; files whose stat
changed are hashed and only parsed when their content changed. Parsing runs in worker processes,
one writer commits everything at the end. An incremental run commits inside the live generation
(atomically); a full rebuild fills a new generation and swaps it in. Failures are recorded with
path and reason; the rest of the corpus is indexed and searchable.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ingest.document import Document
from ingest.errors import IngestError, UnsupportedFormat
from ingest.pipeline import extract_many, scan_corpus
from klimaviden.danish.compounds import default_vocabulary

from index import store
from index.corpus import (
    DependencyStamps,
    context_stamp,
    file_checksum,
    meetings_snapshot,
    taxonomy_snapshot,
)
from index.errors import ConfigError
from index.faults import checkpoint
from index.lock import reindex_lock
from index.writer import REBUILD_BATCH, Indexed, indexed_files, open_writer, passage_count

log = logging.getLogger(__name__)


@dataclass
class ReindexReport:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: list[dict] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    seconds: float = 0.0
    full: bool = False
    dry_run: bool = False
    generation: int | None = None

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": [{"path": f["path"], "error": f["error"]} for f in self.failed],
            "documents": self.documents,
            "passages": self.passages,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Plan:
    """What an incremental run has to do, decided from stat, stamps and checksums only."""

    extract: list = field(default_factory=list)  # CorpusFile to parse
    refresh: list = field(default_factory=list)  # CorpusFile: same content, new stat
    delete: list[Indexed] = field(default_factory=list)
    unchanged: int = 0
    carried: list[dict] = field(default_factory=list)  # failures of files unchanged since
    skipped: int = 0
    deps: dict[str, str] = field(default_factory=dict)


def plan(corpus_dir: Path, indexed: dict[str, Indexed], failures: list[dict]) -> Plan:
    scan = scan_corpus(corpus_dir)
    stamps = DependencyStamps(corpus_dir)
    earlier = {f["path"]: f for f in failures if "stat" in f}
    result = Plan(skipped=len(scan.skipped))
    seen = set()
    for item in scan.files:
        seen.add(item.relpath)
        deps = stamps(item.relpath)
        result.deps[item.relpath] = deps
        old = indexed.get(item.relpath)
        if old is None:
            failure = earlier.get(item.relpath)
            if failure and failure["stat"] == _stat(item, deps):
                result.carried.append(failure)
            else:
                result.extract.append(item)
        elif (old.size, old.mtime_ns, old.deps) == (item.size, item.mtime_ns, deps):
            result.unchanged += 1
        elif old.deps == deps and old.size == item.size and _same_content(item, old):
            result.refresh.append(item)
        else:
            result.extract.append(item)
    result.delete = [old for path, old in indexed.items() if path not in seen]
    return result


def with_stats(indexed: dict[str, Indexed], meta: dict) -> dict[str, Indexed]:
    """The indexed files with the stat a later run recorded for them when only their stat changed
    (touched, copied, restored from backup): such files are not rewritten, just remembered."""
    stats = meta.get("stats") or {}
    out = dict(indexed)
    for path, (size, mtime_ns, deps) in stats.items():
        old = out.get(path)
        if old is not None:
            out[path] = Indexed(old.id, old.path, size, mtime_ns, old.checksum, deps)
    return out


def _stats_after(meta: dict, todo: "Plan", indexed: dict[str, Indexed]) -> dict:
    rewritten = {item.relpath for item in todo.extract} | {old.path for old in todo.delete}
    stats = {p: v for p, v in (meta.get("stats") or {}).items() if p in indexed and p not in rewritten}
    for item in todo.refresh:
        stats[item.relpath] = [item.size, item.mtime_ns, todo.deps[item.relpath]]
    return stats


def _stat(item, deps: str) -> str:
    return f"{item.size}:{item.mtime_ns}|{deps}"


def _same_content(item, old: Indexed) -> bool:
    try:
        return file_checksum(item.abspath) == old.checksum
    except OSError:
        return False


def _wrap(progress, items, total):
    if progress is None:
        return items
    try:
        return progress(items, total=total)
    except TypeError:
        return progress(items)


def reindex(
    corpus_dir: Path,
    index_dir: Path,
    *,
    full: bool = False,
    dry_run: bool = False,
    workers: int | None = None,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> ReindexReport:
    """Bring index_dir up to date with corpus_dir. Raises LockHeld if another run holds the lock,
    ConfigError (a ValueError) for a missing corpus folder, TaxonomyError for a broken taxonomy."""
    started = time.monotonic()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not corpus_dir.is_dir():
        raise ConfigError(f"corpus folder does not exist: {corpus_dir}")
    if index_dir.exists() and not index_dir.is_dir():
        raise ConfigError(f"index path is not a folder: {index_dir}")
    if dry_run:
        report = _dry_run(corpus_dir, index_dir, full)
    else:
        with reindex_lock(index_dir):
            report = _run(corpus_dir, index_dir, full, workers, progress)
    report.seconds = time.monotonic() - started
    return report


@contextmanager
def _searcher(generation):
    ix = generation.open()
    try:
        with ix.searcher() as searcher:
            yield searcher
    finally:
        ix.close()


def _needs_rebuild(live, full: bool, context: str) -> bool:
    if full or live is None or not live.compatible:
        return True
    return live.meta().get("context") != context


def _dry_run(corpus_dir: Path, index_dir: Path, full: bool) -> ReindexReport:
    live = store.current_generation(index_dir)
    rebuild = _needs_rebuild(live, full, context_stamp(corpus_dir))
    indexed, failures, passages = {}, [], 0
    if live is not None:
        with _searcher(live) as searcher:
            if not rebuild:
                indexed = with_stats(indexed_files(searcher.reader()), live.meta())
                failures = live.meta().get("failures", [])
            passages = passage_count(searcher.reader())
    todo = plan(corpus_dir, indexed, failures)
    added = sum(1 for item in todo.extract if item.relpath not in indexed)
    return ReindexReport(
        added=added,
        updated=len(todo.extract) - added,
        deleted=len(todo.delete),
        unchanged=todo.unchanged + len(todo.refresh),
        skipped=todo.skipped,
        failed=list(todo.carried),
        documents=len(indexed) + added - len(todo.delete),
        passages=passages,
        full=rebuild,
        dry_run=True,
    )


def _run(corpus_dir, index_dir, full, workers, progress) -> ReindexReport:
    checkpoint("reindex.locked")
    started_ns = time.time_ns()
    context = context_stamp(corpus_dir)
    taxonomy = taxonomy_snapshot(corpus_dir)  # a broken taxonomy stops here, before any writing
    meetings, meeting_failures = meetings_snapshot(corpus_dir)
    live = store.current_generation(index_dir)
    rebuild = _needs_rebuild(live, full, context)
    store.remove_stale(index_dir)

    if rebuild:
        generation = store.create_generation(index_dir)
        checkpoint("reindex.generation-created")
        indexed, failures = {}, []
    else:
        generation = live
        with _searcher(live) as searcher:
            committed = live.meta(toc=store.reader_toc(searcher.reader()))
            indexed = with_stats(indexed_files(searcher.reader()), committed)
        failures = committed.get("failures", [])
    todo = plan(corpus_dir, indexed, failures)
    report = ReindexReport(
        full=rebuild, skipped=todo.skipped, unchanged=todo.unchanged + len(todo.refresh)
    )
    report.failed = [f for f in todo.carried]

    base = generation.meta() if rebuild else committed

    def metadata(failures: list[dict], toc: int) -> dict:
        meta = dict(base)
        meta.update(
            stats=_stats_after(base if not rebuild else {}, todo, indexed),
            context=context,
            last_reindex=time.time(),
            failures=failures,
            meetings=meetings,
            taxonomy=taxonomy,
            report=report.as_dict(),
        )
        if not rebuild:  # see Generation.meta: readers of the previous commit keep its metadata
            meta.update(toc=toc, previous=committed)
        return meta

    def before_commit(toc: int) -> None:
        generation.write_meta(metadata(report.failed + meeting_failures, toc))

    ix = generation.open()
    try:
        if todo.extract or todo.delete:
            _write(ix, corpus_dir, todo, indexed, report, rebuild, workers, progress,
                   before_commit=None if rebuild else before_commit)
        with ix.searcher() as searcher:
            report.documents = searcher.doc_count()
            report.passages = passage_count(searcher.reader())
        toc = ix.latest_generation()
    finally:
        ix.close()
    checkpoint("reindex.committed")

    report.failed.extend(meeting_failures)
    meta = metadata(report.failed, toc)
    report.generation = generation.number
    if rebuild:
        generation.write_meta(meta)
        checkpoint("reindex.meta-written")
        store.publish(index_dir, generation, started_ns)
        checkpoint("store.swapped")
        store.remove_stale(index_dir)
    else:
        store.make_durable(generation, started_ns)
        generation.write_meta(meta)
    log.info("reindex: %s", json.dumps(report.as_dict()))
    return report


def _write(
    ix, corpus_dir, todo: Plan, indexed, report, rebuild, workers, progress, before_commit=None
) -> None:
    by_path = {item.relpath: item for item in todo.extract}
    default_vocabulary()  # loaded once here, shared by the parser processes forked below
    with open_writer(ix, REBUILD_BATCH if rebuild else None, before_commit) as writer:
        for old in todo.delete:
            writer.remove(old.id)
            report.deleted += 1
        checkpoint("reindex.deleted")
        results = extract_many(corpus_dir, list(by_path), workers=workers)
        for relpath, result in _wrap(progress, results, len(by_path)):
            item = by_path[relpath]
            old = indexed.get(relpath)
            if isinstance(result, Document):
                writer.put(result, item.mtime_ns, todo.deps[relpath], new=rebuild)
                checkpoint("reindex.document")
                if old is None:
                    report.added += 1
                else:
                    report.updated += 1
                continue
            if old is not None:  # the file changed and no longer reads: drop the stale version
                writer.remove(old.id)
                report.deleted += 1
            if isinstance(result, UnsupportedFormat):
                report.skipped += 1
            else:
                reason = result.reason if isinstance(result, IngestError) else str(result)
                report.failed.append(
                    {"path": relpath, "error": reason, "stat": _stat(item, todo.deps[relpath])}
                )
