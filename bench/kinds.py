"""`python -m bench.kinds`: klimaviden against tantivy per query kind at one size, in a few minutes.

The full bench rebuilds every index before it times anything; this reuses the indexes an earlier
bench run left under bench/data/indexes/n<N>/ (klimaviden's and tantivy's, built from scratch only
when missing) and times only the search, so a change to the engine can be judged against the
per-kind targets quickly:

    .venv/bin/python -m bench.kinds --size 20000
    .venv/bin/python -m bench.kinds --size 5000 --kinds words2,frequent --repetitions 5

It prints, per kind, klimaviden's p50/p95, tantivy's p95 of the same queries and their ratio, and
klimaviden's first-pass p95 over its warm p95 (the search service is opened fresh, so its first
pass meets every query's terms for the first time, as after a reindex). `--cpu` times with
process CPU seconds instead of wall seconds, steadier on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from bench import corpus_gen
from bench.engines import klimaviden, tantivy_engine
from bench.extract import cached_extract
from bench.queries import KIND_COUNTS, KIND_GROUPS, PLAIN_KINDS, build_queries
from bench.runner import FULL, extract_options
from bench.stats import ratio
from bench.timing import time_queries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.kinds", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20000, help="corpus size (documents); default 20000")
    parser.add_argument("--kinds", default="all", help="comma-separated query kinds; 'all' (default) or 'plain' name groups")
    parser.add_argument("--repetitions", type=int, default=FULL.repetitions, help="warm passes over the queries")
    parser.add_argument("--cpu", action="store_true", help="time with process CPU seconds, not wall seconds")
    parser.add_argument("--skip-tantivy", action="store_true", help="time klimaviden only")
    args = parser.parse_args(argv)
    config = FULL
    work = config.data_dir / "indexes" / f"n{args.size}"
    data = work / "data"
    os.environ["KLIMAVIDEN_DATA"] = str(config.data_dir / "data")
    corpus, _ = corpus_gen.ensure_corpus(config.source, config.data_dir, config.seed, args.size)
    docs, _ = cached_extract(corpus, config.source, config.data_dir / "extracted", options=extract_options(data))
    queries = [q for q in build_queries(docs, config.seed) if q.kind in _kinds(args.kinds)]
    index_dir = work / "klimaviden"
    if not (index_dir / "CURRENT").exists():
        print(f"building klimaviden's index of {args.size} documents in {index_dir} ...", flush=True)
        work.mkdir(parents=True, exist_ok=True)
        klimaviden.full_build(corpus, index_dir, data)
    clock = time.process_time if args.cpu else time.perf_counter
    ours = klimaviden.search_timings(index_dir, corpus, queries, args.repetitions, KIND_GROUPS, clock=clock)
    theirs = None
    if not args.skip_tantivy and tantivy_engine.available():
        if not (work / "tantivy").exists():
            tantivy_engine.build(docs, work)
        engine = tantivy_engine.TantivyEngine(work)
        theirs = time_queries(engine.search, queries, args.repetitions, clock=clock)
    del docs
    print(table(ours, theirs, args.size, "CPU ms" if args.cpu else "ms"))
    return 0


def _kinds(spec: str) -> tuple[str, ...]:
    """The kinds named, where "all" is every kind and "plain" the kinds judged against tantivy."""
    groups = {"all": tuple(KIND_COUNTS), "plain": PLAIN_KINDS}
    kinds = [k for name in spec.split(",") if name for k in groups.get(name, (name,))]
    unknown = [k for k in kinds if k not in KIND_COUNTS]
    if unknown:
        raise SystemExit(f"unknown query kinds: {', '.join(unknown)} (known: {', '.join(KIND_COUNTS)}, all, plain)")
    return tuple(dict.fromkeys(kinds))


def table(ours: dict, theirs: dict | None, size: int, unit: str) -> str:
    """The per-kind comparison as a plain-text table."""
    rows = [f"{size} documents, {unit}; target: each plain kind's p95 <= 2x tantivy's, first pass <= 2x warm",
            f"{'kind':<14} {'p50':>7} {'p95':>7} {'tantivy p95':>12} {'ratio':>6}"]
    for kind, summary in ours["by_kind"].items():
        other = (theirs or {}).get("by_kind", {}).get(kind, {}).get("p95")
        share = ratio(summary.get("p95"), other)
        rows.append(f"{kind:<14} {summary.get('p50', float('nan')):7.2f} {summary.get('p95', float('nan')):7.2f} "
                    f"{other if other is not None else float('nan'):12.2f} "
                    f"{share if share is not None else float('nan'):6.2f}"
                    + ("  MISSED" if kind in PLAIN_KINDS and share is not None and share > 2 else ""))
    first, warm = ours["first_pass"].get("p95"), ours["all"].get("p95")
    rows.append(f"{'all':<14} {ours['all'].get('p50', float('nan')):7.2f} {warm or float('nan'):7.2f}")
    rows.append(f"first pass p95 {first or float('nan'):.2f} / warm p95 {warm or float('nan'):.2f} = "
                f"{ratio(first, warm) or float('nan'):.2f}x; {ours['error_count']} queries failed")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
