"""Printing the results as tables, and writing them as JSON and as a Markdown snippet for the README."""

from __future__ import annotations

import json
from pathlib import Path

from bench.relevance.evaluate import table_header as relevance_header
from bench.relevance.evaluate import table_rows as relevance_rows
from bench.stats import spread
from bench.targets import evaluate, lookup, plain_kind_ratios

MIB = 2**20


def write_json(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str), "utf-8")


def _loads(results: dict) -> str:
    loads = [f"{n}: {r['load_average_at_start'][0]:.1f}" for n, r in results["sizes"].items()
             if r.get("load_average_at_start")]
    return ", ".join(loads) or "not recorded"


def _fmt(value, digits: int = 1, scale: float = 1.0) -> str:
    if value is None:
        return "–"
    return f"{value * scale:.{digits}f}"


def build_rows(results: dict) -> list[list[str]]:
    rows = []
    for n, r in results["sizes"].items():
        rows.append([
            n, _fmt(lookup(r, ("build", "seconds"))),
            f"{_fmt(lookup(r, ('build', 'cpu_seconds')))} ({_fmt(lookup(r, ('build', 'parser_cpu_seconds')))} + "
            f"{_fmt(lookup(r, ('build', 'writer_cpu_seconds')))})",
            _fmt(lookup(r, ("build", "docs_per_second")), 0),
            _fmt(lookup(r, ("build", "peak_rss_bytes")), 0, 1 / MIB), _fmt(lookup(r, ("build", "index_bytes")), 1, 1 / MIB),
            _fmt(lookup(r, ("incremental", "unchanged", "p50")), 2),
            _fmt(lookup(r, ("incremental", "one_changed_visible", "p50")), 2),
            _fmt(lookup(r, ("extract", "seconds"))) + (" (cached)" if lookup(r, ("extract", "cached")) else ""),
        ])
    return rows


BUILD_HEADER = ["Documents", "Full build s", "Build CPU s (parsers + writer)", "Docs/s", "Peak RSS MiB", "Index MiB", "Incr. unchanged s",
                "Incr. 1 changed s", "Text extraction only s (2 workers)"]
OCR_HEADER = ["Documents", "Scanned PDFs", "OCR pages", "OCR s a page p50 / p95", "OCR CPU s a page", "Confidence p50",
              "Cold-cache build of the scans s (warm s)", "Cold-cache extra s (CPU s)", "Full build: OCR pages from the cache"]


def ocr_rows(results: dict) -> list[list[str]]:
    """Per size: OCR of the scanned PDFs, measured apart from the full build (bench/ocr.py)."""
    rows = []
    for n, r in results["sizes"].items():
        ocr = r.get("ocr")
        if not ocr:
            continue
        if not ocr.get("available", True):
            rows.append([n, str(ocr.get("files", 0)), "not measured: Tesseract missing"] + ["–"] * (len(OCR_HEADER) - 3))
            continue
        rows.append([
            n, str(ocr.get("files", 0)), str(ocr.get("pages", 0)),
            f"{_fmt(lookup(ocr, ('seconds_per_page', 'p50')), 2)} / {_fmt(lookup(ocr, ('seconds_per_page', 'p95')), 2)}",
            _fmt(ocr.get("cpu_seconds_per_page"), 2), _fmt(lookup(ocr, ("confidence", "p50")), 0),
            f"{_fmt(lookup(ocr, ('cold', 'seconds')))} ({_fmt(lookup(ocr, ('warm', 'seconds')))})",
            f"{_fmt(ocr.get('extra_seconds'))} ({_fmt(ocr.get('extra_cpu_seconds'))})",
            _fmt(lookup(r, ("build", "ocr_pages")), 0),
        ])
    return rows


def ocr_section(results: dict) -> list[str]:
    rows = ocr_rows(results)
    if not rows:
        return []
    return [
        "**OCR of scanned pages** (one PDF in 50 is a scan; measured apart: an index of only the scanned PDFs "
        "is built with an empty OCR cache, then again with it warm; the difference is what OCR adds to a first "
        "build. The full build above then reads the scans' text from that warm cache, as every build after the "
        "first does, so its figures stay comparable with runs before scans were added; seconds a page are "
        "Tesseract's own per page, logged by the 2 parser processes)",
        markdown(OCR_HEADER, rows),
    ]


SEARCH_HEADER = ["Documents", "p50 ms", "p95 ms", "p99 ms", "First-pass p95 (after the warm-up)", "After updating reindex: first-pass / warm p95", "FTS5 p95", "Whoosh raw p95", "tantivy p95",
                 "×FTS5 p50/p95", "groupedby p95 / ours p95 (many hits)", "HTTP / p95", "HTTP API p95",
                 "Page req/s", "API req/s", "Worker RSS MiB"]


def search_rows(results: dict) -> list[list[str]]:
    rows = []
    for n, r in results["sizes"].items():
        rss = lookup(r, ("http", "worker_rss_bytes")) or None
        rows.append([
            n, _fmt(lookup(r, ("search", "all", "p50"))), _fmt(lookup(r, ("search", "all", "p95"))),
            _fmt(lookup(r, ("search", "all", "p99"))),
            f"{_fmt(lookup(r, ('search', 'first_pass', 'p95')))} "
            f"({_fmt(lookup(r, ('search_warmed_up', 'first_pass', 'p95')))})",
            f"{_fmt(lookup(r, ('search_after_update', 'first_pass', 'p95')))} / "
            f"{_fmt(lookup(r, ('search_after_update', 'all', 'p95')))}",
            _fmt(lookup(r, ("baselines", "fts5", "search", "all", "p95"))),
            _fmt(lookup(r, ("baselines", "whoosh_raw", "search", "all", "p95"))),
            _fmt(lookup(r, ("baselines", "tantivy", "search", "all", "p95")), 2),
            f"{_fmt(lookup(r, ('ratios', 'fts5', 'p50')), 2)} / {_fmt(lookup(r, ('ratios', 'fts5', 'p95')), 2)}",
            f"{_fmt(lookup(r, ('facets_groupedby', 'all', 'p95')))} / {_fmt(lookup(r, ('facets_ours', 'all', 'p95')))}",
            _fmt(lookup(r, ("http", "/", "latency_ms", "p95"))),
            _fmt(lookup(r, ("http", "/api/search", "latency_ms", "p95"))),
            _fmt(lookup(r, ("http", "/", "requests_per_second")), 0),
            _fmt(lookup(r, ("http", "/api/search", "requests_per_second")), 0),
            _fmt(max(rss) if rss else None, 0, 1 / MIB),
        ])
    return rows


def target_rows(results: dict) -> list[list[str]]:
    largest = list(results["sizes"])[-1]
    rows = []
    for t in evaluate(results["sizes"][largest], results.get("relevance")):
        verdict = "not measured" if t["met"] is None else ("met" if t["met"] else "**missed**")
        bound = "≥" if t["at_least"] else "≤"
        rows.append([t["name"], f"{bound} {t['limit']:g} {t['unit']}".rstrip(), (_fmt(t["value"], 2) + f" {t['unit']}").rstrip(),
                     verdict])
    return rows


KIND_HEADER = ["Query kind", "Median hits", "klimaviden p50 / p95", "After updating reindex p95", "FTS5 p95",
               "Whoosh raw p95", "tantivy p95", "p95 ×tantivy"]


def kind_rows(size_results: dict) -> list[list[str]]:
    rows = []
    versus_tantivy = plain_kind_ratios(size_results)
    for kind, summary in (lookup(size_results, ("search", "by_kind")) or {}).items():
        rows.append([
            kind, _fmt(lookup(size_results, ("search", "hits", kind)), 0),
            f"{_fmt(summary.get('p50'))} / {_fmt(summary.get('p95'))}",
            _fmt(lookup(size_results, ("search_after_update", "by_kind", kind, "p95"))),
            *[_fmt(lookup(size_results, ("baselines", name, "search", "by_kind", kind, "p95")), 2)
              for name in ("fts5", "whoosh_raw", "tantivy")],
            _fmt(versus_tantivy.get(kind), 2),
        ])
    return rows


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def readme_snippet(results: dict) -> str:
    m = results["machine"]
    largest = list(results["sizes"])[-1]
    return "\n\n".join([
        f"Run: `{'make bench' if results['mode'] == 'full' else 'make bench-quick'}` on {results['date'][:10]}, "
        f"{m['cpu']} ({m['cores']} cores, {m['ram_bytes'] / 2**30:.0f} GiB RAM), Python {m['python']}, "
        f"SQLite {m['sqlite']}, tantivy {m.get('tantivy', 'not installed')}; {results['seconds'] / 60:.1f} min in all. "
        f"Load average (1 min) when each size started: {_loads(results)}; on a busy machine latencies and "
        "wall-clock seconds grow, while build CPU seconds stay put.",
        "**Build and reindex** (klimaviden: parsing in parallel, one writer)",
        markdown(BUILD_HEADER, build_rows(results)),
        *ocr_section(results),
        "**Search** (the same queries on the same documents, each met once in a first pass "
        "and then timed again (3 passes in a full run, 2 in a quick one); latencies in ms; ratios are klimaviden / baseline; first-pass p95 "
        "is klimaviden meeting each query for the first time)",
        markdown(SEARCH_HEADER, search_rows(results)),
        f"**Search by query kind** (at {largest} documents; ms; FTS5 and Whoosh raw match unstemmed words, "
        "so their hit counts differ)",
        markdown(KIND_HEADER, kind_rows(results["sizes"][largest])),
        f"**Targets** (at {largest} documents"
        + ("; the targets are set for 20,000 documents" if int(largest) < 20000 else "") + ")",
        markdown(["Target", "Limit", "Measured", "Verdict"], target_rows(results)),
        *webpage_sections(results),
    ]) + "\n" + ("\n" + relevance_snippet(results["relevance"]) if results.get("relevance") else "")


def relevance_snippet(relevance: dict) -> str:
    """The relevance table: per query kind, each system's nDCG@10 / MRR / zero-result rate."""
    return "\n\n".join([
        f"**Relevance** ({relevance['queries']} judged queries over the {relevance['documents']} documents of the "
        "sample corpus, `bench/relevance/queries.toml`; each cell is nDCG@10 / MRR / share of queries with no "
        "results)",
        markdown(relevance_header(relevance), relevance_rows(relevance)),
    ]) + "\n"


WEBPAGE_HEADER = ["Format", "Files", "KiB a file", "Files/s (1 process)", "Files per CPU s", "ms a file",
                  "s an OCR page (CPU s)"]


def _rate(value) -> str:
    """Files a second: whole numbers, but two decimals below 10 (a scanned PDF takes seconds)."""
    return _fmt(value, 0 if value is None or value >= 10 else 2)


def webpage_sections(results: dict) -> list[str]:
    """Extraction per format and the full build against a plain indexer (bench/webpages.py)."""
    pages = results.get("webpages")
    if not pages:
        return []
    rows = [[fmt, str(r["files"]), _fmt(r["kib_per_file"], 0), _rate(r["files_per_second"]),
             _rate(r["files_per_cpu_second"]), _fmt(r["ms_per_file"], 1),
             f"{_fmt(r.get('seconds_per_ocr_page'), 2)} ({_fmt(r.get('cpu_seconds_per_ocr_page'), 2)})"
             if r.get("ocr_pages") else "–"]
            for fmt, r in pages["extraction"].items()]
    ratio, parallel = pages["build_ratio"], pages["html_parallel"]
    return [
        "**Text extraction per format** (`extract_file`: parse, clean, dates, topics, entities; one process; a web page is one file; "
        "a scanned PDF's pages are read by OCR, without a cache; CPU seconds include Tesseract's; "
        f"load average {pages['load_average_at_start'][0]:.1f} at the start)",
        markdown(WEBPAGE_HEADER, rows),
        f"**Real-size web pages** ({ratio['pages']} pages of 30-150 KB): {parallel['pages_per_second']:.0f} pages/s "
        f"with {parallel['workers']} workers ({_fmt(parallel.get('workers_cpu_seconds'))} CPU s; target ≥ 100); full build {ratio['klimaviden']['seconds']:.1f} s "
        f"({ratio['klimaviden']['cpu_seconds']:.1f} CPU s) against a plain single-process indexer (lxml text + "
        f"SQLite FTS5) {ratio['plain']['seconds']:.2f} s ({ratio['plain']['cpu_seconds']:.2f} CPU s): "
        f"{ratio['ratio_wall']:.1f}x wall, {ratio['ratio_cpu']:.1f}x CPU (target ≤ 15x).",
    ]


def print_report(results: dict, out=print) -> None:
    out("")
    out(readme_snippet(results))
    for n, r in results["sizes"].items():
        out(f"-- spread at {n} documents")
        for label, path in (("klimaviden", ("search", "all")),
                            ("klimaviden after update", ("search_after_update", "all")), ("fts5", ("baselines", "fts5", "search", "all")),
                            ("whoosh_raw", ("baselines", "whoosh_raw", "search", "all")),
                            ("tantivy", ("baselines", "tantivy", "search", "all")),
                            ("groupedby (many hits)", ("facets_groupedby", "all")),
                            ("klimaviden (many hits)", ("facets_ours", "all"))):
            summary = lookup(r, path)
            if summary:
                out(f"  {label:24} {spread(summary)}")
        by_kind = lookup(r, ("search", "by_kind")) or {}
        for kind, summary in by_kind.items():
            hits = lookup(r, ("search", "hits", kind))
            out(f"  klimaviden {kind:14} {spread(summary)}; median hits {hits}")
