"""Run one klimaviden reindex in a fresh process and print its report as JSON (for peak-RSS measuring).

Usage: python -m bench.build_child CORPUS INDEX DATA [--full] [--page-log FILE]

DATA is the data folder (the OCR cache), always one of the bench's own under bench/data, so a run
never reads or fills the repo's var/data. With --page-log, each page read by OCR is logged to FILE
as a JSON line (bench/ocr.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.build_child")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("index", type=Path)
    parser.add_argument("data", type=Path, help="the data folder: OCR text is cached in DATA/ocr")
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--page-log", type=Path, help="append one JSON line per page read by OCR")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    from ingest.options import ExtractOptions
    from reindex import reindex

    from bench.ocr import PageLog

    page_log = PageLog(args.page_log).install() if args.page_log else None
    imported = time.perf_counter()
    before = os.times()
    try:
        report = reindex(args.corpus, args.index, full=args.full, options=ExtractOptions(data_dir=args.data))
    finally:
        if page_log:
            page_log.close()
    done = time.perf_counter()
    after = os.times()
    data = report.as_dict()
    data["wall_seconds"] = done - imported
    data["import_seconds"] = imported - started
    # this process writes the index; the parser processes are its children
    data["writer_cpu_seconds"] = (after.user + after.system) - (before.user + before.system)
    data["parser_cpu_seconds"] = ((after.children_user + after.children_system)
                                  - (before.children_user + before.children_system))
    data["failed_count"] = len(data.get("failed", []))
    data["failed"] = data.get("failed", [])[:5]
    print(json.dumps(data, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
