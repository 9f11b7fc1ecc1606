"""Run a reindex that stops at a chosen point and waits there to be killed (for the crash tests).

    python crash_runner.py CORPUS INDEX POINT SIGNAL_FILE

POINT: parsing (while files are parsed, nothing written yet), writing (documents added to an
uncommitted writer), committed (after the Whoosh commit, before the metadata), rebuilding (a full
rebuild writing its new generation), swapping (a full rebuild finished, just before CURRENT is
replaced), holding (holds the reindex lock without doing anything).
The runner writes SIGNAL_FILE when it reached the point, then sleeps.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def wait_here(signal_file: Path):
    signal_file.write_text("here")
    while True:
        time.sleep(1)


def main(corpus: str, index_dir: str, point: str, signal: str) -> None:
    from index import store
    from index.lock import reindex_lock
    from reindex import reindex

    signal_file = Path(signal)
    full = point in ("rebuilding", "swapping")

    if point == "holding":
        with reindex_lock(Path(index_dir)):
            wait_here(signal_file)

    def progress(items, total=None):
        if point == "parsing":
            wait_here(signal_file)
        for number, item in enumerate(items):
            yield item
            if number == 1 and point in ("writing", "rebuilding"):
                wait_here(signal_file)

    if point == "committed":
        store.make_durable = lambda *args: wait_here(signal_file)
    if point == "swapping":
        original = store.fsync_tree

        def then_wait(*args):
            original(*args)
            wait_here(signal_file)

        store.fsync_tree = then_wait
    reindex(Path(corpus), Path(index_dir), full=full, workers=1, progress=progress)


if __name__ == "__main__":
    main(*sys.argv[1:5])
