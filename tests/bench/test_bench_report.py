"""Targets are judged on the largest corpus, and the README snippet says which are met or missed."""

from bench.report import readme_snippet
from bench.targets import evaluate


def size_results(search_p95: float, build_seconds: float) -> dict:
    summary = {"n": 10, "min": 1.0, "p25": 2.0, "p50": 3.0, "p75": 4.0, "p95": search_p95, "p99": search_p95,
               "max": search_p95, "mean": 3.0, "stdev": 1.0}
    return {
        "build": {"seconds": build_seconds, "docs_per_second": 100.0, "peak_rss_bytes": 400e6, "index_bytes": 50e6},
        "search": {"all": summary, "by_kind": {"words1": summary}, "hits": {"words1": 12}},
        "ratios": {"fts5": {"p50": 1.5, "p95": 2.5}},
        "http": {"worker_rss_bytes": [120e6, 130e6]},
    }


def test_each_target_is_met_missed_or_not_measured():
    verdicts = {row["name"]: row["met"] for row in evaluate(size_results(search_p95=30.0, build_seconds=120.0))}
    assert verdicts["Search p95, in-process (facets + snippets)"] is True
    assert verdicts["Search p95 / SQLite FTS5 p95"] is False
    assert verdicts["Full build"] is False
    assert verdicts["Web app worker RSS (largest worker)"] is True
    assert verdicts["HTTP /api/search p95 (2 workers)"] is None


def test_readme_snippet_judges_the_largest_size():
    results = {
        "mode": "full", "date": "2026-11-27T12:00:00+00:00", "seconds": 600.0,
        "machine": {"cpu": "Test CPU", "cores": 2, "ram_bytes": 8 * 2**30, "python": "3.11", "sqlite": "3.40"},
        "sizes": {"1000": size_results(5.0, 10.0), "20000": size_results(60.0, 80.0)},
    }
    text = readme_snippet(results)
    assert "make bench" in text and "Test CPU" in text
    assert "at 20000 documents" in text
    search_row = next(line for line in text.splitlines() if line.startswith("| Search p95, in-process"))
    assert "60.00 ms" in search_row and "**missed**" in search_row
    build_row = next(line for line in text.splitlines() if line.startswith("| Full build |"))
    assert build_row.endswith("| met |")
