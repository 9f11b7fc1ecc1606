"""The performance targets of the product, checked against the figures of the largest corpus size."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1_000_000


@dataclass(frozen=True)
class Target:
    name: str
    path: tuple[str, ...]   # where the figure sits in one size's results
    limit: float
    unit: str
    scale: float = 1.0      # figure * scale is compared with limit


TARGETS = (
    Target("Search p95, in-process (facets + snippets)", ("search", "all", "p95"), 50, "ms"),
    Target("Search p95 / SQLite FTS5 p95", ("ratios", "fts5", "p95"), 2.0, "x"),
    Target("Many-hit queries p95 (ours) / Whoosh groupedby p95", ("facets_ratio",), 1.0, "x"),
    Target("HTTP search page / p95 (2 workers)", ("http", "/", "latency_ms", "p95"), 80, "ms"),
    Target("HTTP /api/search p95 (2 workers)", ("http", "/api/search", "latency_ms", "p95"), 80, "ms"),
    Target("Full build", ("build", "seconds"), 90, "s"),
    Target("Full build peak RSS (process tree)", ("build", "peak_rss_bytes"), 1500, "MB", 1 / MB),
    Target("Incremental, nothing changed (median)", ("incremental", "unchanged", "p50"), 5, "s"),
    Target("Incremental, one file changed, visible to readers (median)",
           ("incremental", "one_changed_visible", "p50"), 3, "s"),
    Target("Web app worker RSS (largest worker)", ("worker_rss_max",), 400, "MB", 1 / MB),
)


def lookup(data: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def derived(size_results: dict) -> dict:
    """Figures computed from others, so every target reads one path."""
    extra = dict(size_results)
    rss = lookup(size_results, ("http", "worker_rss_bytes"))
    extra["worker_rss_max"] = max(rss) if rss else None
    ours = lookup(size_results, ("facets_ours", "all", "p95"))
    theirs = lookup(size_results, ("facets_groupedby", "all", "p95"))
    extra["facets_ratio"] = ours / theirs if ours is not None and theirs else None
    return extra


def evaluate(size_results: dict) -> list[dict]:
    """[{"name", "limit", "unit", "value", "met"}] -- value/met None when the figure was not measured."""
    data = derived(size_results)
    rows = []
    for target in TARGETS:
        raw = lookup(data, target.path)
        value = raw * target.scale if isinstance(raw, (int, float)) else None
        rows.append({"name": target.name, "limit": target.limit, "unit": target.unit, "value": value,
                     "met": None if value is None else value <= target.limit})
    return rows
