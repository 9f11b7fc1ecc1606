"""Run one klimaviden reindex in a fresh process and print its report as JSON (for peak-RSS measuring).

Usage: python -m bench.build_child CORPUS INDEX [--full]
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    corpus, index = Path(argv[0]), Path(argv[1])
    started = time.perf_counter()
    from reindex import reindex

    imported = time.perf_counter()
    before = os.times()
    report = reindex(corpus, index, full="--full" in argv)
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
