"""One benchmark run: for each corpus size, generate (or reuse) the corpus, build every engine on the
same documents, time builds, reindexes and searches, and collect the figures in one dict."""

from __future__ import annotations

import gc
import os
import platform
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from bench import corpus_gen, ocr, webpages
from bench.engines import fts5, klimaviden, tantivy_engine, whoosh_raw
from bench.extract import cached_extract, extract_corpus
from bench.queries import KIND_GROUPS, MANY_HITS_KINDS, build_queries
from bench.relevance import evaluate as relevance
from bench.stats import ratio
from bench.timing import time_queries

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass(frozen=True)
class BenchConfig:
    mode: str
    sizes: tuple[int, ...]
    repetitions: int          # passes over the query set per engine
    incremental_repetitions: int
    http_seconds: float       # per endpoint and size
    seed: int = 2021
    source: Path = ROOT / "corpus"
    data_dir: Path = HERE / "data"
    out_dir: Path = HERE / "out"
    chart: Path = ROOT / "docs" / "bench-scaling.png"
    skip: frozenset[str] = field(default_factory=frozenset)


# a quick run draws its chart beside its results, so the committed chart always shows a full run
QUICK = BenchConfig("quick", (300, 1000), repetitions=2, incremental_repetitions=3, http_seconds=5,
                    chart=HERE / "out" / "bench-scaling-quick.png")
FULL = BenchConfig("full", (1000, 5000, 20000), repetitions=3, incremental_repetitions=5, http_seconds=15)


def run(config: BenchConfig, log=print) -> dict:
    started = time.perf_counter()
    results = {"mode": config.mode, "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "machine": machine(), "seed": config.seed, "sizes": {}}
    for n in config.sizes:
        log(f"== {n} documents")
        results["sizes"][str(n)] = run_size(n, config, log)
        gc.collect()
    if "relevance" not in config.skip:
        log("== relevance on the sample corpus")
        results["relevance"] = relevance.run(config.source, config.data_dir / "relevance", config.data_dir / "extracted",
                                             config.skip, log)
    if "webpages" not in config.skip:  # on the second size: 5,000 documents (1,750 pages) in a full run
        n = config.sizes[min(1, len(config.sizes) - 1)]
        log(f"== real-size web pages (the HTML of the {n}-document corpus)")
        corpus, _ = corpus_gen.ensure_corpus(config.source, config.data_dir, config.seed, n)
        results["webpages"] = webpages.run(corpus, config.data_dir / "webpages", log)
    results["seconds"] = time.perf_counter() - started
    return results


def run_size(n: int, config: BenchConfig, log) -> dict:
    out: dict = {"load_average_at_start": os.getloadavg()}
    corpus, manifest = corpus_gen.ensure_corpus(config.source, config.data_dir, config.seed, n)
    out["corpus"] = manifest
    log(f"corpus {corpus.name}: {manifest['by_format']}, {manifest['bytes'] / 1e6:.1f} MB")
    work = config.data_dir / "indexes" / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = work / "data"  # this size's own data folder: its OCR cache starts empty in every run
    have_klimaviden = klimaviden.available() and "klimaviden" not in config.skip
    index_dir = work / "klimaviden"
    if have_klimaviden:
        # OCR measured apart (bench/ocr.py); it leaves the OCR cache warm, so the build is comparable with earlier runs
        out["ocr"] = ocr.measure(corpus, manifest.get("scanned_pdfs", []), work, data, log)
        out["build"] = klimaviden.full_build(corpus, index_dir, data)
        log(f"klimaviden full build {out['build']['seconds']:.1f} s ({out['build']['cpu_seconds']:.0f} CPU s: "
            f"parsers {out['build']['parser_cpu_seconds']:.0f}, writer {out['build']['writer_cpu_seconds']:.0f}), "
            f"{out['build']['docs_per_second']:.0f} docs/s, "
            f"peak RSS {out['build']['peak_rss_bytes'] / 2**20:.0f} MiB, index {out['build']['index_bytes'] / 2**20:.1f} MiB, "
            f"{out['build']['ocr_pages']} OCR pages (from the cache)")

    if config.mode == "quick":  # reuse the text of an earlier quick run while ingest is unchanged
        docs, out["extract"] = cached_extract(corpus, config.source, config.data_dir / "extracted",
                                              options=extract_options(data))
    else:  # a full run measures the extraction too
        docs, out["extract"] = extract_corpus(corpus, config.source, options=extract_options(data))
    log(f"extracted {len(docs)} documents once for the baselines in {out['extract']['seconds']:.1f} s "
        f"({out['extract']['source']}{', cached' if out['extract'].get('cached') else ''}, "
        f"{out['extract']['failed']} failed)")
    queries = build_queries(docs, config.seed)
    out["queries"] = {"count": len(queries), "examples": [dict(kind=q.kind, **q.params()) for q in queries[::15]]}

    engines = {}
    out["baselines"] = {}
    for name, module, cls in (("fts5", fts5, fts5.Fts5Engine), ("whoosh_raw", whoosh_raw, whoosh_raw.WhooshRawEngine),
                              ("tantivy", tantivy_engine, tantivy_engine.TantivyEngine)):
        if name in config.skip or (name == "tantivy" and not tantivy_engine.available()):
            continue
        build = module.build(docs, work)
        engines[name] = cls(work)
        out["baselines"][name] = {"build": build, "search": time_queries(engines[name].search, queries, config.repetitions)}
        log(f"{name}: build {build['seconds']:.1f} s, search p50 {out['baselines'][name]['search']['all']['p50']:.2f} ms, "
            f"p95 {out['baselines'][name]['search']['all']['p95']:.2f} ms")
    del docs

    many = [q for q in queries if q.kind in MANY_HITS_KINDS]
    if "whoosh_raw" in engines:
        out["facets_groupedby"] = time_queries(engines["whoosh_raw"].search_grouped, many, config.repetitions)
        log(f"whoosh groupedby facets on many-hit queries: p95 {out['facets_groupedby']['all']['p95']:.1f} ms")

    if have_klimaviden:
        out["search"] = klimaviden.search_timings(index_dir, corpus, queries, config.repetitions, KIND_GROUPS)
        out["search_warmed_up"] = klimaviden.search_timings(index_dir, corpus, queries, 0, warm_up=True)
        log(f"first pass after the service's warm-up ({out['search_warmed_up']['warm_up']['seconds']:.1f} s): "
            f"p95 {out['search_warmed_up']['first_pass'].get('p95', float('nan')):.1f} ms "
            f"(right after opening: {out['search']['first_pass'].get('p95', float('nan')):.1f} ms)")
        engine = klimaviden.KlimavidenEngine(index_dir, corpus)
        out["facets_ours"] = time_queries(engine.search, many, config.repetitions)
        log(f"klimaviden on the same many-hit queries: p95 {out['facets_ours']['all'].get('p95', float('nan')):.1f} ms")
        log(f"klimaviden search p50 {out['search']['all']['p50']:.1f} ms, p95 {out['search']['all']['p95']:.1f} ms, "
            f"p99 {out['search']['all']['p99']:.1f} ms; {out['search']['error_count']} queries failed")
        for failure in out["search"]["errors"][:3]:
            log(f"  failed: {failure}")
        out["incremental"] = klimaviden.incremental(corpus, index_dir, engine, manifest["mutable_file"],
                                                   config.incremental_repetitions, data)
        log(f"incremental: unchanged p50 {out['incremental']['unchanged']['p50']:.2f} s, one changed (visible) "
            f"p50 {out['incremental']['one_changed_visible'].get('p50', float('nan')):.2f} s")
        for error in out["incremental"]["service_errors"][:3]:
            log(f"  the open SearchService failed after an incremental reindex: {error}")
        engine.close()
        # the same queries once more, after incremental reindexes that updated a file (segments with deletions)
        out["search_after_update"] = klimaviden.search_timings(index_dir, corpus, queries, config.repetitions,
                                                               KIND_GROUPS)
        log(f"search after updating reindexes ({out['search_after_update']['index']}): first-pass p95 "
            f"{out['search_after_update']['first_pass'].get('p95', float('nan')):.1f} ms, "
            f"p95 {out['search_after_update']['all'].get('p95', float('nan')):.1f} ms")
        if "http" not in config.skip:
            out["http"] = measure_http(corpus, index_dir, queries, config.http_seconds, log)
        out["ratios"] = ratios(out)
    for engine in engines.values():
        engine.close()
    out["load_average_at_end"] = os.getloadavg()
    return out


def extract_options(data: Path):
    """Extraction with OCR and the OCR cache in `data` (without ingest, early on: None)."""
    try:
        from ingest.options import ExtractOptions
    except ImportError:
        return None
    return ExtractOptions(data_dir=data)


def measure_http(corpus: Path, index_dir: Path, queries, seconds: float, log) -> dict:
    # imported here: http_load needs the bench extras (requests), which `python -m bench.kinds`
    # and the tests of this module's neighbours do not
    from bench import http_load

    params = [q.params() for q in queries]
    result = {}
    with http_load.gunicorn(corpus, index_dir, workers=2) as (base, pid):
        for path in ("/", "/api/search"):
            result[path] = http_load.drive(base, path, params, seconds, concurrency=2)
            lat = result[path]["latency_ms"]
            log(f"HTTP {path}: {result[path]['requests_per_second']:.0f} req/s, p50 {lat.get('p50', float('nan')):.1f} ms, "
                f"p95 {lat.get('p95', float('nan')):.1f} ms, errors {result[path]['errors']}")
        result["worker_rss_bytes"] = http_load.worker_rss(pid)
    return result


def ratios(out: dict) -> dict:
    """klimaviden / baseline for p50 and p95 of the same query set."""
    ours = out["search"]["all"]
    table = {}
    for name, data in out.get("baselines", {}).items():
        theirs = data["search"]["all"]
        table[name] = {"p50": ratio(ours.get("p50"), theirs.get("p50")), "p95": ratio(ours.get("p95"), theirs.get("p95"))}
    if "facets_groupedby" in out:
        table["groupedby_over_ours_p95"] = ratio(out["facets_groupedby"]["all"].get("p95"),
                                                 out["facets_ours"]["all"].get("p95"))
    return table


def machine() -> dict:
    import psutil
    import whoosh

    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {"cpu": cpu, "cores": os.cpu_count(), "ram_bytes": psutil.virtual_memory().total,
            "python": platform.python_version(), "platform": platform.platform(),
            "whoosh": ".".join(map(str, whoosh.versionstring().split("."))), "sqlite": sqlite3.sqlite_version}
    if tantivy_engine.available():
        from importlib.metadata import version

        info["tantivy"] = version("tantivy")
    return info
