"""klimaviden itself: the full build in a child process, incremental reindexes, in-process search.

Search goes through the very functions the web app calls: `parse_search_params` then
`SearchService.search`, with facets and snippets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.memory import PeakRss, folder_bytes
from bench.queries import QuerySpec
from bench.stats import summarize
from bench.timing import time_queries


def available() -> bool:
    try:
        import reindex  # noqa: F401
        import index.service  # noqa: F401
    except ImportError:
        return False
    return True


def full_build(corpus: Path, index_dir: Path, data_dir: Path, *, page_log: Path | None = None) -> dict:
    """`reindex(full=True)` in a fresh process: seconds, documents/s, peak RSS of the tree, index size.

    `data_dir` is the data folder (its OCR cache), one of the bench's own; `page_log` receives a
    JSON line per page read by OCR (bench/ocr.py)."""
    started = time.perf_counter()
    before = os.times()
    command = [sys.executable, "-m", "bench.build_child", str(corpus), str(index_dir), str(data_dir), "--full"]
    if page_log is not None:
        command += ["--page-log", str(page_log)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakRss(proc.pid) as peak:
        out, err = proc.communicate()
    wall = time.perf_counter() - started
    after = os.times()
    # CPU of the whole build tree (the child and the parser processes it waited for): on a busy,
    # shared machine this says what the build costs, while wall seconds say what it took
    cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    if proc.returncode != 0:
        raise RuntimeError(f"reindex failed (exit {proc.returncode}): {err[-2000:]}")
    report = json.loads(out.strip().splitlines()[-1])
    seconds = report["wall_seconds"]
    return {
        "seconds": seconds, "process_seconds": wall, "documents": report.get("documents"),
        "passages": report.get("passages"), "docs_per_second": (report.get("documents") or 0) / seconds,
        "cpu_seconds": cpu, "writer_cpu_seconds": report.get("writer_cpu_seconds"),
        "parser_cpu_seconds": report.get("parser_cpu_seconds"), "peak_rss_bytes": peak.bytes, "index_bytes": folder_bytes(index_dir),
        "failed": report.get("failed_count", 0), "ocr_pages": report.get("ocr_pages", 0), "report": report,
    }


class KlimavidenEngine:
    name = "klimaviden"

    def __init__(self, index_dir: Path, corpus: Path):
        from index.query import parse_search_params
        from index.service import SearchService

        self.parse = parse_search_params
        self.open_service = lambda: SearchService(index_dir, corpus)
        self.service = self.open_service()

    def reopen(self) -> None:
        """A fresh SearchService (used only when the open one fails after a reindex)."""
        self.close()
        self.service = self.open_service()

    def search(self, spec: QuerySpec) -> int:
        return self.results(spec)["total"]

    def rank(self, spec: QuerySpec, limit: int = 10) -> list[str]:
        """The corpus-relative paths of the first `limit` results, as the results page lists them."""
        params = dict(spec.params(), per_page=[str(limit)])
        return [hit["path"] for hit in self.results(params)["results"]]

    def results(self, spec_or_params) -> dict:
        """The result dict of `SearchService.search` for a QuerySpec or for request parameters."""
        params = spec_or_params.params() if isinstance(spec_or_params, QuerySpec) else spec_or_params
        request = self.parse(params, valid_topics=self.service.topic_slugs())
        return self.service.search(request)

    def close(self) -> None:
        close = getattr(self.service, "close", None)
        if close:
            close()


def incremental(corpus: Path, index_dir: Path, engine: KlimavidenEngine, mutable_file: str,
                repetitions: int, data_dir: Path) -> dict:
    """Reindex with nothing changed, and with one file changed until the open service finds the change
    (with the data folder, the OCR cache, of the full build)."""
    from ingest.options import ExtractOptions
    from reindex import reindex

    options = ExtractOptions(data_dir=data_dir)

    unchanged = []
    for _ in range(repetitions):
        started = time.perf_counter()
        reindex(corpus, index_dir, options=options)
        unchanged.append(time.perf_counter() - started)
    path = corpus / mutable_file
    original = path.read_bytes()
    changed, visible, errors = [], [], []
    try:
        for k in range(repetitions):
            marker = _nonsense_word(k)
            path.write_bytes(original + f"\nTilføjet: {marker}\n".encode("utf-8"))
            started = time.perf_counter()
            report = reindex(corpus, index_dir, options=options)
            reindexed = time.perf_counter() - started
            try:
                found = _wait_until_found(engine, marker, deadline=started + 30)
            except Exception as exc:  # the open service failed on the new state: record it, reopen, go on
                errors.append(f"{type(exc).__name__}: {exc}")
                engine.reopen()
                found = _wait_until_found(engine, marker, deadline=started + 30)
            changed.append(reindexed)
            visible.append(time.perf_counter() - started if found else float("nan"))
            assert report.as_dict()["updated"] >= 1, report.as_dict()
    finally:
        path.write_bytes(original)
        reindex(corpus, index_dir, options=options)
    return {"unchanged": summarize(unchanged), "one_changed": summarize(changed),
            "one_changed_visible": summarize([v for v in visible if v == v]),
            "not_visible": sum(1 for v in visible if v != v), "service_errors": errors}


def search_timings(index_dir: Path, corpus: Path, queries, repetitions: int, groups=None,
                   clock=time.perf_counter, warm_up: bool = False) -> dict:
    """`time_queries` through a newly opened SearchService, so its first pass is what the first
    visitor after a reindex meets; with the segments and deleted documents of the index it searched.
    With `warm_up`, the service first runs its warm-up (SearchService.warm, which the web app runs
    in the background when a reindex replaced or changed the index): the first pass is then what the
    first visitor meets in the morning after a nightly reindex, and "warm_up" says what it did."""
    engine = KlimavidenEngine(index_dir, corpus)
    try:
        warmed = {"warm_up": engine.service.warm()} if warm_up else {}
        timings = time_queries(engine.search, queries, repetitions, groups, clock=clock)
    finally:
        engine.close()
    return {**timings, **warmed, "index": segments(index_dir)}


def segments(index_dir: Path) -> dict:
    """How many Whoosh segments the live generation has, and how many of its documents are deleted:
    an incremental reindex that updates a file leaves deletions behind until a merge."""
    from index.store import current_generation

    generation = current_generation(index_dir)
    if generation is None:
        return {}
    ix = generation.open()
    try:
        with ix.reader() as reader:
            return {"segments": len(reader.leaf_readers()),
                    "deleted_documents": reader.doc_count_all() - reader.doc_count()}
    finally:
        ix.close()


def _nonsense_word(k: int) -> str:
    """A word no document contains and no analyzer splits: letters only, unique per call."""
    digits = f"{time.time_ns() // 1000:016d}{k:02d}"
    return "zqx" + "".join(chr(ord("a") + int(c)) for c in digits[-10:])


def _wait_until_found(engine: KlimavidenEngine, word: str, deadline: float) -> bool:
    spec = QuerySpec("probe", (word,))
    while time.perf_counter() < deadline:
        if engine.search(spec) > 0:
            return True
        time.sleep(0.005)
    return False
