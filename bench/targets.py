"""The performance and relevance targets of the product, checked against the figures of the largest
corpus size (and the relevance figures of the run)."""

from __future__ import annotations

from dataclasses import dataclass

from bench.queries import PLAIN_KINDS

MB = 1_000_000


@dataclass(frozen=True)
class Target:
    name: str
    path: tuple[str, ...]   # where the figure sits in one size's results
    limit: float
    unit: str
    scale: float = 1.0      # figure * scale is compared with limit
    at_least: bool = False  # the figure must reach the limit instead of staying under it


TARGETS = (
    Target("Search p95, in-process (facets + snippets)", ("search", "all", "p95"), 50, "ms"),
    Target("Search p95 / SQLite FTS5 p95", ("ratios", "fts5", "p95"), 0.5, "x"),
    Target("Worst plain query kind: p95 / tantivy p95 of the same queries", ("plain_kind_over_tantivy",), 2.0, "x"),
    Target("Misspelled words p95 / plain words p95", ("misspelled_over_plain",), 1.5, "x"),
    Target("Unknown words p95 / plain words p95", ("unknown_over_plain",), 1.5, "x"),
    Target("Longest allowed query (median) / median query", ("longest_over_median",), 5.0, "x"),
    Target("First-pass p95 after the web app's warm-up / warm p95", ("warmed_first_pass_over_warm",), 2.0, "x"),
    Target("First-pass p95 right after opening (no warm-up) / warm p95", ("first_pass_over_warm",), 2.0, "x"),
    Target("After an updating reindex / after a full build: first-pass p95", ("after_update_first_pass",), 1.5, "x"),
    Target("After an updating reindex / after a full build: warm p95", ("after_update_warm",), 1.5, "x"),
    Target("Many-hit queries p95 (ours) / Whoosh groupedby p95", ("facets_ratio",), 1.0, "x"),
    Target("HTTP search page / p95 (2 workers)", ("http", "/", "latency_ms", "p95"), 80, "ms"),
    Target("HTTP /api/search p95 (2 workers)", ("http", "/api/search", "latency_ms", "p95"), 80, "ms"),
    Target("Full build", ("build", "seconds"), 90, "s"),
    Target("Full build peak RSS (process tree)", ("build", "peak_rss_bytes"), 1500, "MB", 1 / MB),
    Target("Incremental, nothing changed (median)", ("incremental", "unchanged", "p50"), 5, "s"),
    Target("Incremental, one file changed, visible to readers (median)",
           ("incremental", "one_changed_visible", "p50"), 3, "s"),
    Target("Web app worker RSS (largest worker)", ("worker_rss_max",), 400, "MB", 1 / MB),
    Target("Relevance: klimaviden nDCG@10 (judged queries)", ("relevance_ndcg",), 0.95, "", at_least=True),
    Target("Relevance: klimaviden nDCG@10 ahead of the best baseline by", ("relevance_lead",), 0.01, "",
           at_least=True),
)


def lookup(data: dict, path: tuple[str, ...]):
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _ratio(data: dict, top: tuple[str, ...], bottom: tuple[str, ...]) -> float | None:
    numerator, denominator = lookup(data, top), lookup(data, bottom)
    if not isinstance(numerator, (int, float)) or not isinstance(denominator, (int, float)) or not denominator:
        return None
    return numerator / denominator


def plain_kind_ratios(size_results: dict) -> dict[str, float]:
    """klimaviden p95 / tantivy p95 per plain query kind (the kinds both measured)."""
    ratios = {}
    for kind in PLAIN_KINDS:
        value = _ratio(size_results, ("search", "by_kind", kind, "p95"),
                       ("baselines", "tantivy", "search", "by_kind", kind, "p95"))
        if value is not None:
            ratios[kind] = value
    return ratios


def derived(size_results: dict, relevance: dict | None = None) -> dict:
    """Figures computed from others, so every target reads one path."""
    extra = dict(size_results)
    rss = lookup(size_results, ("http", "worker_rss_bytes"))
    extra["worker_rss_max"] = max(rss) if rss else None
    extra["facets_ratio"] = _ratio(size_results, ("facets_ours", "all", "p95"), ("facets_groupedby", "all", "p95"))
    per_kind = plain_kind_ratios(size_results)
    extra["plain_kind_over_tantivy"] = max(per_kind.values()) if per_kind else None
    for kind in ("misspelled", "unknown"):
        extra[f"{kind}_over_plain"] = _ratio(size_results, ("search", "by_kind", kind, "p95"),
                                             ("search", "by_group", "plain_words", "p95"))
    extra["longest_over_median"] = _ratio(size_results, ("search", "by_kind", "longest", "p50"),
                                          ("search", "all", "p50"))
    extra["first_pass_over_warm"] = _ratio(size_results, ("search", "first_pass", "p95"), ("search", "all", "p95"))
    extra["warmed_first_pass_over_warm"] = _ratio(size_results, ("search_warmed_up", "first_pass", "p95"),
                                                  ("search", "all", "p95"))
    extra["after_update_first_pass"] = _ratio(size_results, ("search_after_update", "first_pass", "p95"),
                                              ("search", "first_pass", "p95"))
    extra["after_update_warm"] = _ratio(size_results, ("search_after_update", "all", "p95"), ("search", "all", "p95"))
    systems = (relevance or {}).get("systems", {})
    ours = lookup(systems, ("klimaviden", "all", "ndcg10"))
    others = [data["all"]["ndcg10"] for name, data in systems.items() if name != "klimaviden"]
    extra["relevance_ndcg"] = ours
    extra["relevance_lead"] = ours - max(others) if ours is not None and others else None
    return extra


def evaluate(size_results: dict, relevance: dict | None = None) -> list[dict]:
    """[{"name", "limit", "unit", "at_least", "value", "met"}] -- value/met None when not measured."""
    data = derived(size_results, relevance)
    rows = []
    for target in TARGETS:
        raw = lookup(data, target.path)
        value = raw * target.scale if isinstance(raw, (int, float)) else None
        met = None if value is None else (value >= target.limit if target.at_least else value <= target.limit)
        rows.append({"name": target.name, "limit": target.limit, "unit": target.unit, "at_least": target.at_least,
                     "value": value, "met": met})
    return rows
