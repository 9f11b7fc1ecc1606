"""Running the judged queries through klimaviden and the baselines, and scoring their rankings.

Every system indexes the same sample corpus: klimaviden with a full `reindex` and searched through
`parse_search_params` and `SearchService.search` like the web app, SQLite FTS5 and tantivy (Danish
stemmer) on the text klimaviden's ingestion extracted. Each query is typed as in `queries.toml`.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

from bench.queries import QuerySpec
from bench.relevance import judgements
from bench.relevance.metrics import ndcg_at, reciprocal_rank

K = 10
SYSTEMS = ("klimaviden", "fts5", "tantivy")
LABELS = {"klimaviden": "klimaviden", "fts5": "SQLite FTS5", "tantivy": "tantivy (Danish stemmer)"}


def score(queries, rank) -> dict:
    """nDCG@10, reciprocal rank and zero results of `rank(spec) -> [path]` on each judged query,
    averaged over all queries and per kind. A query the system fails on counts as zero results."""
    rows, errors = [], []
    for judged in queries:
        try:
            ranking = list(rank(QuerySpec.from_text(judged.kind, judged.q)))[:K]
        except Exception as exc:  # the system cannot run this query: it found nothing for the user
            errors.append({"q": judged.q, "error": f"{type(exc).__name__}: {exc}"})
            ranking = []
        rows.append({"q": judged.q, "kind": judged.kind, "ndcg": ndcg_at(K, ranking, judged.grades),
                     "rr": reciprocal_rank(ranking, judged.grades), "zero": not ranking, "top": ranking[:3]})
    kinds = list(dict.fromkeys(row["kind"] for row in rows))
    return {"all": _mean(rows), "by_kind": {kind: _mean([r for r in rows if r["kind"] == kind]) for kind in kinds},
            "queries": rows, "errors": errors}


def _mean(rows: list[dict]) -> dict:
    return {"n": len(rows), "ndcg10": statistics.fmean(r["ndcg"] for r in rows),
            "mrr": statistics.fmean(r["rr"] for r in rows),
            "zero_rate": sum(1 for r in rows if r["zero"]) / len(rows)}


def run(source: Path, work: Path, cache_dir: Path, skip=frozenset(), log=print) -> dict:
    """Build every system on `source` (the sample corpus) in `work` and score the judged queries."""
    from bench.engines import fts5, klimaviden, tantivy_engine
    from bench.extract import cached_extract

    started = time.perf_counter()
    queries = judgements.load(judgements.JUDGEMENTS, source)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    systems: dict[str, dict] = {}
    if "klimaviden" not in skip and klimaviden.available():
        from reindex import reindex

        index_dir = work / "klimaviden"
        reindex(source, index_dir, full=True)
        engine = klimaviden.KlimavidenEngine(index_dir, source)
        try:
            systems["klimaviden"] = score(queries, engine.rank)
        finally:
            engine.close()
    docs, _info = cached_extract(source, source, cache_dir)
    baselines = (("fts5", fts5, fts5.Fts5Engine), ("tantivy", tantivy_engine, tantivy_engine.TantivyEngine))
    for name, module, make in baselines:
        if name in skip or (name == "tantivy" and not tantivy_engine.available()):
            continue
        module.build(docs, work)
        engine = make(work)
        try:
            systems[name] = score(queries, engine.rank)
        finally:
            engine.close()
    for name, result in systems.items():
        failed = f", {len(result['errors'])} failed" if result["errors"] else ""
        log(f"relevance {name}: nDCG@10 {result['all']['ndcg10']:.3f}, MRR {result['all']['mrr']:.3f}, "
            f"zero results {result['all']['zero_rate']:.0%}{failed}")
    return {"queries": len(queries), "documents": len(docs), "k": K, "systems": systems,
            "seconds": time.perf_counter() - started}


def table_rows(relevance: dict) -> list[list[str]]:
    """One row per kind and one for all queries; per system "nDCG@10 / MRR / zero-result rate"."""
    systems = [s for s in SYSTEMS if s in relevance["systems"]]
    if not systems:
        return []
    first = relevance["systems"][systems[0]]
    rows = []
    for kind, label in [*((k, k) for k in first["by_kind"]), ("all", "**all**")]:
        summary = first["all"] if kind == "all" else first["by_kind"][kind]
        cells = []
        for name in systems:
            data = relevance["systems"][name]
            s = data["all"] if kind == "all" else data["by_kind"].get(kind)
            cells.append(f"{s['ndcg10']:.2f} / {s['mrr']:.2f} / {s['zero_rate']:.0%}" if s else "–")
        rows.append([label, str(summary["n"]), *cells])
    return rows


def table_header(relevance: dict) -> list[str]:
    return ["Query kind", "Queries", *(LABELS[s] for s in SYSTEMS if s in relevance["systems"])]
