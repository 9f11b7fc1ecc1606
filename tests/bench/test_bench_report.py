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


def timing(p50: float, p95: float) -> dict:
    return {"n": 10, "min": p50 / 2, "p25": p50, "p50": p50, "p75": p95, "p95": p95, "p99": p95, "max": p95,
            "mean": p50, "stdev": 1.0}


def test_query_kind_targets_are_ratios_in_the_same_run():
    size = {
        "search": {"all": timing(4.0, 10.0), "first_pass": timing(6.0, 25.0),
                   "by_kind": {"words1": timing(3.0, 8.0), "phrase": timing(3.0, 9.0), "misspelled": timing(5.0, 12.0),
                               "unknown": timing(5.0, 13.0), "longest": timing(19.0, 30.0)},
                   "by_group": {"plain_words": timing(3.0, 8.0)}},
        "search_after_update": {"all": timing(4.0, 14.0), "first_pass": timing(6.0, 30.0)},
        "search_warmed_up": {"first_pass": timing(5.0, 18.0)},
        "baselines": {"tantivy": {"search": {"by_kind": {"words1": timing(1.0, 4.0), "phrase": timing(1.0, 3.0)}}}},
    }
    verdicts = {row["name"]: (round(row["value"], 3), row["met"]) for row in evaluate(size) if row["value"] is not None}
    assert verdicts["Worst plain query kind: p95 / tantivy p95 of the same queries"] == (3.0, False)  # phrase 9/3
    assert verdicts["Misspelled words p95 / plain words p95"] == (1.5, True)
    assert verdicts["Unknown words p95 / plain words p95"] == (1.625, False)
    assert verdicts["Longest allowed query (median) / median query"] == (4.75, True)
    assert verdicts["First-pass p95 right after opening (no warm-up) / warm p95"] == (2.5, False)
    assert verdicts["First-pass p95 after the web app's warm-up / warm p95"] == (1.8, True)
    assert verdicts["After an updating reindex / after a full build: first-pass p95"] == (1.2, True)
    assert verdicts["After an updating reindex / after a full build: warm p95"] == (1.4, True)


def test_relevance_targets_need_a_high_ndcg_and_a_lead_over_both_baselines():
    def systems(ours, fts5, tantivy):
        return {"systems": {name: {"all": {"ndcg10": value}} for name, value in
                            (("klimaviden", ours), ("fts5", fts5), ("tantivy", tantivy))}}

    def verdicts(relevance):
        return {row["name"]: row["met"] for row in evaluate({}, relevance) if row["name"].startswith("Relevance")}

    assert set(verdicts(systems(0.97, 0.5, 0.9)).values()) == {True}
    assert verdicts(systems(0.96, 0.5, 0.955)) == {"Relevance: klimaviden nDCG@10 (judged queries)": True,
                                                   "Relevance: klimaviden nDCG@10 ahead of the best baseline by": False}
    assert verdicts(systems(0.74, 0.47, 0.62))["Relevance: klimaviden nDCG@10 (judged queries)"] is False
    assert set(verdicts(None).values()) == {None}


def test_readme_snippet_carries_the_relevance_table():
    results = {
        "mode": "quick", "date": "2026-11-30T12:00:00+00:00", "seconds": 60.0,
        "machine": {"cpu": "Test CPU", "cores": 2, "ram_bytes": 8 * 2**30, "python": "3.11", "sqlite": "3.40"},
        "sizes": {"300": size_results(5.0, 10.0)},
        "relevance": {"queries": 2, "documents": 39, "k": 10, "systems": {
            name: {"all": {"n": 2, "ndcg10": v, "mrr": v, "zero_rate": 0.5},
                   "by_kind": {"keywords": {"n": 2, "ndcg10": v, "mrr": v, "zero_rate": 0.5}}}
            for name, v in (("klimaviden", 0.75), ("fts5", 0.25), ("tantivy", 0.5))}},
    }
    text = readme_snippet(results)
    row = next(line for line in text.splitlines() if line.startswith("| keywords |"))
    assert row == "| keywords | 2 | 0.75 / 0.75 / 50% | 0.25 / 0.25 / 50% | 0.50 / 0.50 / 50% |"
    assert "| Relevance: klimaviden nDCG@10 (judged queries) | ≥ 0.95 | 0.75 | **missed** |" in text
