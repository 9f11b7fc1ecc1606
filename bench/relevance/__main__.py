"""`python -m bench.relevance` (`make eval-relevance`): nDCG@10, MRR and zero-result rates of klimaviden,
SQLite FTS5 and tantivy on the judged queries over the sample corpus, in seconds."""

from __future__ import annotations

import argparse
import sys
import time

from bench import report
from bench.relevance import evaluate
from bench.runner import FULL


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.relevance", description=__doc__)
    parser.add_argument("--skip", default="", help="comma-separated systems to leave out: klimaviden,fts5,tantivy")
    parser.add_argument("--json", help="also write the full figures (every query's ranking) to this file")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {message}", flush=True)

    result = evaluate.run(FULL.source, FULL.data_dir / "relevance", FULL.data_dir / "extracted",
                          frozenset(filter(None, args.skip.split(","))), log)
    if args.json:
        from pathlib import Path

        report.write_json(result, Path(args.json))
    print()
    print(report.relevance_snippet(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
