"""`python -m bench` (full: 1,000 / 5,000 / 20,000 documents) or `python -m bench --quick` (< 3 min)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

from bench import chart, report, runner


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpora and short runs, for development")
    parser.add_argument("--sizes", help="comma-separated corpus sizes, e.g. 1000,5000")
    parser.add_argument("--skip", default="",
                        help="comma-separated parts to leave out: klimaviden,http,fts5,whoosh_raw,tantivy,relevance,webpages")
    parser.add_argument("--no-chart", action="store_true", help="do not redraw docs/bench-scaling.png")
    parser.add_argument("--report-only", action="store_true",
                        help="redraw the tables and the chart from the last bench/out/results.json")
    args = parser.parse_args(argv)
    config = runner.QUICK if args.quick else runner.FULL
    overrides = {"skip": frozenset(filter(None, args.skip.split(",")))}
    if args.sizes:
        overrides["sizes"] = tuple(int(n) for n in args.sizes.split(","))
    config = runner.BenchConfig(**{**config.__dict__, **overrides})
    # whatever reads the environment (the relevance build, the web app) keeps its OCR cache under
    # bench/data too, never in the repo's var/data: runs do not share a cache by accident
    os.environ["KLIMAVIDEN_DATA"] = str(config.data_dir / "data")
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", flush=True)

    # a run with other sizes or parts left out never replaces the figures of a standard run
    partial = bool(args.sizes or overrides["skip"])
    json_path = config.out_dir / ("results-partial.json" if partial else "results.json")
    table_path = config.out_dir / ("README-table-partial.md" if partial else "README-table.md")
    if args.report_only:
        results = json.loads(json_path.read_text("utf-8"))
    else:
        results = runner.run(config, log)
        report.write_json(results, json_path)
    table_path.write_text(report.readme_snippet(results), "utf-8")
    draw = not (args.no_chart or partial)
    if draw:
        chart.draw(results, config.chart)
    report.print_report(results)
    log(f"wrote {json_path}, {table_path}" + (f", {config.chart}" if draw else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
