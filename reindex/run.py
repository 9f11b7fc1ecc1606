"""The run step: bring the index up to date with the corpus, incrementally or by a full rebuild.

    reindex()  holds the lock, clears what a failed run left, then
      rebuild()  fills a new generation and swaps it in (--full; a schema, analyser or taxonomy
                 change; or a live index that is damaged)
      update()   commits the plan's changes inside the live generation

Both start from one RunState (what the corpus and the live index look like) and ask the same
guards before they write. Unchanged files (same size, mtime and metadata files) are neither read
nor parsed; files whose stat changed are hashed and only parsed when their content changed.
Parsing runs in worker processes; one writer commits. Failures are recorded with path and reason;
the rest of the corpus is indexed and searchable.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from index import store
from index.errors import ConfigError, IndexDamaged
from index.faults import checkpoint
from index.integrity import content_problem
from index.spelling import vocabulary_is_current, write_vocabulary
from index.synonyms import snapshot as synonyms_snapshot
from index.lock import reindex_lock
from index.prepare import PreparedDocument, prepare
from index.writer import REBUILD_BATCH, Indexed, indexed_files, open_writer, passage_count, stored_records
from ingest.document import Document
from ingest.errors import IngestError, UnsupportedFormat
from ingest.messages import cannot_read, corpus_missing
from ingest.options import ExtractOptions
from ingest.pipeline import Limits, extract_file, extract_many, scan_corpus
from klimaviden.danish.compounds import default_vocabulary
from reindex.corpus import (
    DependencyStamps,
    context_stamp,
    file_checksum,
    meetings_snapshot,
    taxonomy_snapshot,
)
from reindex.guards import MassDeleteGuard, MassDeleteRefused
from reindex.plan import Plan, make_plan, stat_key, stats_after, with_stats
from reindex.report import ReindexReport

log = logging.getLogger(__name__)

Progress = Callable[[Iterable], Iterable]


def reindex(
    corpus_dir: Path,
    index_dir: Path,
    *,
    full: bool = False,
    dry_run: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    allow_mass_delete: bool = False,
    options: ExtractOptions | None = None,
) -> ReindexReport:
    """Bring index_dir up to date with corpus_dir. Raises LockHeld if another run holds the lock,
    ConfigError (a ValueError) for a missing corpus folder, TaxonomyError for a broken taxonomy,
    MassDeleteRefused when the corpus looks empty or unreadable (nothing touched). `options` (OCR,
    the data folder) default to the environment's."""
    started = time.monotonic()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not corpus_dir.is_dir():
        raise ConfigError(corpus_missing(corpus_dir))
    if index_dir.exists() and not index_dir.is_dir():
        raise ConfigError(f"indeksstien er ikke en mappe: {index_dir}")
    guard = MassDeleteGuard(allow=allow_mass_delete)
    if dry_run:
        report = _dry_run(corpus_dir, index_dir, full, guard)
    else:
        with reindex_lock(index_dir):
            checkpoint("reindex.locked")
            store.remove_stale(index_dir)  # first: frees the space a run that filled the disk took
            state = RunState.start(corpus_dir, index_dir, workers, progress, guard, options)
            try:
                report = rebuild(state) if state.needs_rebuild(full) else update(state)
            except MassDeleteRefused as refused:
                store.record_refusal(index_dir, {**refused.as_dict(), "at": time.time()})
                raise
            store.clear_refusal(index_dir)
    report.seconds = time.monotonic() - started
    return report


# -- the state a run starts from --------------------------------------------------------------


@dataclass
class RunState:
    corpus_dir: Path
    index_dir: Path
    workers: int | None
    progress: Progress | None
    guard: MassDeleteGuard
    context: str
    taxonomy: list
    synonyms: list
    meetings: list
    meeting_failures: list
    meeting_stamps: dict  # lets the next run reuse the meetings whose files did not change
    live: store.Generation | None
    damage: str | None  # why the live generation cannot be trusted, or None
    stamps: DependencyStamps
    options: ExtractOptions | None = None
    started_ns: int = field(default_factory=time.time_ns)

    @classmethod
    def start(cls, corpus_dir, index_dir, workers, progress, guard, options=None) -> "RunState":
        taxonomy = taxonomy_snapshot(corpus_dir)  # a broken taxonomy stops here, before any writing
        synonyms = synonyms_snapshot(corpus_dir)  # so does a broken synonyms.toml
        live = store.current_generation(index_dir)
        damage = live_damage(live) if live is not None else None
        if damage:
            log.warning("the live index is damaged (%s): rebuilding it", damage)
        stamps = DependencyStamps(corpus_dir)
        previous = live.meta() if live is not None and not damage else None
        meetings, meeting_failures, meeting_stamps = meetings_snapshot(corpus_dir, stamps, previous)
        return cls(
            corpus_dir, index_dir, workers, progress, guard, context_stamp(corpus_dir), taxonomy,
            synonyms, meetings, meeting_failures, meeting_stamps, live, damage, stamps, options,
        )

    def needs_rebuild(self, full: bool) -> bool:
        return bool(self.damage) or _needs_rebuild(self.live, full, self.context)

    def live_documents(self) -> int:
        """Documents the live index holds (for the guard), read from its last report if damaged."""
        if self.live is None:
            return 0
        if self.damage:
            try:
                return int((self.live.meta().get("report") or {}).get("documents") or 0)
            except IndexDamaged:
                return 0
        with _searcher(self.live) as searcher:
            return searcher.doc_count()

    def unlisted_records(self, scan) -> list[tuple[Document, Indexed]]:
        """Live documents where the scan could not look (an unreadable folder): a rebuild carries
        them over from the live generation instead of losing them."""
        if self.live is None or self.damage or not scan.unreadable:
            return []
        with _searcher(self.live) as searcher:
            records = stored_records(searcher.reader(), scan.unlisted)
        return [(Document.from_dict(record), entry) for record, entry in records]

    def scan(self):
        return scan_with_stamps(self.corpus_dir, self.stamps)

    def metadata(self, base: dict, report: ReindexReport, failures: list[dict], stats: dict) -> dict:
        meta = dict(base)
        meta.update(
            stats=stats,
            context=self.context,
            last_reindex=time.time(),
            failures=failures,
            meetings=self.meetings,
            meeting_stamps=self.meeting_stamps,
            taxonomy=self.taxonomy,
            synonyms=self.synonyms,
            report=report.as_dict(),
        )
        return meta


def live_damage(live: store.Generation) -> str | None:
    """Why the live generation cannot be trusted (its metadata, files or content), or None."""
    try:
        ix = live.open()
    except Exception as exc:  # noqa: BLE001 - whatever Whoosh raises on a table of contents it cannot read
        return f"det kan ikke åbnes ({type(exc).__name__}: {exc})"
    try:
        meta = live.meta()
        manifest = live.manifest(meta, ix.latest_generation())
        if manifest:
            return content_problem(live.path, manifest)
        with ix.searcher() as searcher:  # an index from before checksums: reading it is the check
            indexed_files(searcher.reader())
    except IndexDamaged as exc:
        return exc.problem
    except Exception as exc:  # noqa: BLE001
        return cannot_read("det", f"{type(exc).__name__}: {exc}")
    finally:
        ix.close()
    return None


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


def scan_with_stamps(corpus_dir: Path, stamps: DependencyStamps | None = None):
    """The corpus scan and each file's dependency stamp (its sidecar and meeting files)."""
    scan = scan_corpus(corpus_dir)
    stamps = stamps or DependencyStamps(corpus_dir)
    return scan, {item.relpath: stamps(item.relpath, item.relpath in scan.sidecars) for item in scan.files}


def _same_content(item, old: Indexed) -> bool:
    try:
        return file_checksum(item.abspath) == old.checksum
    except OSError:
        return False


def _plan(scan, deps, indexed, failures) -> Plan:
    return make_plan(
        scan.files,
        deps,
        indexed,
        failures,
        _same_content,
        skipped=len(scan.skipped),
        unlisted=scan.unlisted,
        scan_failures=scan.failures(),
    )


# -- the two ways to run ------------------------------------------------------------------------


def rebuild(state: RunState) -> ReindexReport:
    """Fill a new generation from the whole corpus and make it the live one."""
    scan, deps = state.scan()
    todo = _plan(scan, deps, {}, [])
    carried_over = state.unlisted_records(scan)
    state.guard.check(state.live_documents(), todo.remaining + len(carried_over))
    generation = store.create_generation(state.index_dir)
    checkpoint("reindex.generation-created")
    report = ReindexReport(
        full=True, skipped=todo.skipped, unchanged=todo.unchanged, failed=list(todo.carried),
        repaired=state.damage,
    )
    base = generation.meta()
    ix = generation.open()
    try:
        if todo.extract or carried_over:
            _write(ix, state, todo, {}, report, rebuild=True, carried_over=carried_over)
        toc = _after_commit(ix, generation, report)
    finally:
        ix.close()
    checkpoint("reindex.committed")
    report.failed.extend(state.meeting_failures)
    meta = state.metadata(base, report, report.failed, {})
    meta = generation.record_manifest(meta, toc)
    report.generation = generation.number
    generation.write_meta(meta)
    checkpoint("reindex.meta-written")
    store.publish(state.index_dir, generation, state.started_ns)
    checkpoint("store.swapped")
    store.remove_stale(state.index_dir)
    log.info("reindex: %s", json.dumps(report.as_dict()))
    return report


def update(state: RunState) -> ReindexReport:
    """Commit the corpus's changes inside the live generation (atomically, by Whoosh's commit)."""
    live = state.live
    with _searcher(live) as searcher:
        committed = live.meta(toc=store.reader_toc(searcher.reader()))
        indexed = with_stats(indexed_files(searcher.reader()), committed)
    scan, deps = state.scan()
    todo = _plan(scan, deps, indexed, committed.get("failures", []))
    state.guard.check(len(indexed), todo.remaining)
    report = ReindexReport(
        full=False, skipped=todo.skipped, unchanged=todo.unchanged + len(todo.refresh) + len(todo.kept),
        failed=list(todo.carried),
    )
    stats = stats_after(committed, todo, indexed)

    def before_commit(toc: int) -> None:
        # Readers of the previous commit keep its metadata (see Generation.meta); the new commit's
        # checksums are recorded after it, so a reader meanwhile only checks what is recorded.
        meta = state.metadata(committed, report, report.failed + state.meeting_failures, stats)
        meta.update(toc=toc, previous=committed, files=None, files_toc=None)
        live.write_meta(meta)

    ix = live.open()
    try:
        if todo.extract or todo.delete:
            _write(ix, state, todo, indexed, report, rebuild=False, before_commit=before_commit)
        toc = _after_commit(ix, live, report, committed)
    finally:
        ix.close()
    checkpoint("reindex.committed")
    report.failed.extend(state.meeting_failures)
    meta = state.metadata(committed, report, report.failed, stats)
    meta.update(toc=toc, previous=committed)
    report.generation = live.number
    store.make_durable(live, state.started_ns)
    live.write_meta(live.record_manifest(meta, toc, committed.get("files")))
    log.info("reindex: %s", json.dumps(report.as_dict()))
    return report


def _after_commit(ix, generation: store.Generation, report: ReindexReport, previous: dict | None = None) -> int:
    """Count what the commit holds and write its vocabulary for the spellers; its Whoosh generation.
    When nothing was committed since ``previous`` (the metadata of the commit the run started
    from), its counts stand and its vocabulary file is kept."""
    toc = ix.latest_generation()
    counted = (previous or {}).get("report") or {}
    unchanged = previous is not None and previous.get("toc") == toc and {"documents", "passages"} <= counted.keys()
    if unchanged:
        report.documents, report.passages = counted["documents"], counted["passages"]
    vocabulary_stale = not vocabulary_is_current(generation.path, toc)
    if unchanged and not vocabulary_stale:
        return toc
    with ix.searcher() as searcher:
        if not unchanged:
            report.documents = searcher.doc_count()
            report.passages = passage_count(searcher.reader())
        if vocabulary_stale:
            write_vocabulary(generation.path, searcher.reader())
    return toc


def _dry_run(corpus_dir: Path, index_dir: Path, full: bool, guard: MassDeleteGuard) -> ReindexReport:
    live = store.current_generation(index_dir)
    damage = live_damage(live) if live is not None else None
    rebuilding = bool(damage) or _needs_rebuild(live, full, context_stamp(corpus_dir))
    indexed, failures, passages, live_documents = {}, [], 0, 0
    if live is not None and damage is None:
        with _searcher(live) as searcher:
            if not rebuilding:
                indexed = with_stats(indexed_files(searcher.reader()), live.meta())
                failures = live.meta().get("failures", [])
            passages = passage_count(searcher.reader())
            live_documents = searcher.doc_count()
    scan, deps = scan_with_stamps(corpus_dir)
    todo = _plan(scan, deps, indexed, failures)
    guard.check(live_documents if rebuilding else len(indexed), todo.remaining)
    added = sum(1 for item in todo.extract if item.relpath not in indexed)
    return ReindexReport(
        added=added,
        updated=len(todo.extract) - added,
        deleted=len(todo.delete),
        unchanged=todo.unchanged + len(todo.refresh) + len(todo.kept),
        skipped=todo.skipped,
        failed=list(todo.carried),
        documents=len(indexed) + added - len(todo.delete),
        passages=passages,
        full=rebuilding,
        dry_run=True,
        repaired=damage,
    )


def _wrap(progress, items, total):
    if progress is None:
        return items
    try:
        return progress(items, total=total)
    except TypeError:
        return progress(items)


def extract_prepared(
    corpus_dir: Path, relpath: str, limits: Limits, options: ExtractOptions | None = None
) -> PreparedDocument:
    """extract_file, then the document prepared for the writer: in a parser process, so the text is
    analysed there, in parallel, not in the single writer process."""
    return prepare(extract_file(corpus_dir, relpath, limits, options))


def _write(
    ix, state: RunState, todo: Plan, indexed, report, *, rebuild: bool, before_commit=None, carried_over=()
) -> None:
    by_path = {item.relpath: item for item in todo.extract}
    default_vocabulary()  # loaded once here, shared by the parser processes forked below
    with open_writer(ix, REBUILD_BATCH if rebuild else None, before_commit) as writer:
        for old in todo.delete:
            writer.remove(old.id)
            report.deleted += 1
        for document, old in carried_over:
            writer.put(document, old.mtime_ns, old.deps, new=rebuild)
            report.unchanged += 1
        checkpoint("reindex.deleted")
        results = extract_many(
            state.corpus_dir, list(by_path), workers=state.workers, options=state.options, extract=extract_prepared
        )
        for relpath, result in _wrap(state.progress, results, len(by_path)):
            item = by_path[relpath]
            old = indexed.get(relpath)
            if isinstance(result, PreparedDocument):
                writer.put(result, item.mtime_ns, todo.deps[relpath], new=rebuild)
                report.ocr_pages += result.ocr_pages
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
                    {"path": relpath, "error": reason, "stat": stat_key(item, todo.deps[relpath])}
                )
