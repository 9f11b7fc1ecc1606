"""Timing a query set against an engine: a warm-up pass, then repeated passes, summarised per kind."""

from __future__ import annotations

import statistics
import time
from collections import defaultdict

from bench.stats import summarize


def time_queries(search, queries, repetitions: int, groups: dict[str, tuple[str, ...]] | None = None,
                 clock=time.perf_counter) -> dict:
    """Latency in ms of `search(spec)` over `queries` x `repetitions`, after a first pass.

    The first pass meets each query for the first time (cold caches); it is summarised apart as
    "first_pass". Returns {"all": summary, "by_kind": {kind: summary}, "first_pass": summary,
    "hits": {kind: median hit count}, "errors": [...], "error_count": n}, and with `groups`
    ({name: kinds}) "by_group": {name: summary of the pooled samples of those kinds}. `clock` is
    wall time by default; time.process_time gives CPU time, steadier on a busy machine.
    """
    hits: dict[str, list[int]] = defaultdict(list)
    failing: dict[object, str] = {}
    first: list[float] = []
    for spec in queries:
        started = clock()
        try:
            hits[spec.kind].append(search(spec))
        except Exception as exc:  # a product bug: report it with the query, time the others
            failing[spec] = f"{type(exc).__name__}: {exc}"
            continue
        first.append((clock() - started) * 1000)
    queries = [spec for spec in queries if spec not in failing]
    samples: list[float] = []
    by_kind: dict[str, list[float]] = defaultdict(list)
    for _ in range(repetitions):
        for spec in queries:
            started = clock()
            search(spec)
            elapsed = (clock() - started) * 1000
            samples.append(elapsed)
            by_kind[spec.kind].append(elapsed)
    return {
        "all": summarize(samples),
        "first_pass": summarize(first),
        "by_kind": {kind: summarize(values) for kind, values in by_kind.items()},
        "by_group": {name: summarize([v for kind in kinds for v in by_kind.get(kind, ())])
                     for name, kinds in (groups or {}).items()},
        "hits": {kind: statistics.median(values) for kind, values in hits.items()},
        "errors": [{"params": spec.params(), "error": error} for spec, error in failing.items()][:20],
        "error_count": len(failing),
    }
