"""Runs the `klimaviden` command with extra fault points inside Whoosh and an optional slow parser.

    python tests/reliability/fault_runner.py reindex --corpus C --index I

The product's own points are in index/faults.py (KLIMAVIDEN_FAULT_POINT). This runner adds, for
the same variable, points inside Whoosh's commit that klimaviden cannot name itself:

    whoosh.segment-written   the new segment files are written, the table of contents is not
    whoosh.toc-rename        the new table of contents is written to a temporary file, not renamed
    whoosh.clean-files       the new table of contents is live, old files not yet removed

KLIMAVIDEN_SLOW_FILE=name.txt makes the text parser sleep (a hanging parser) on that file.
"""

from __future__ import annotations

import os
import sys
import time


def install_hooks() -> None:
    from whoosh import index as whoosh_index
    from whoosh.filedb.filestore import FileStorage
    from whoosh.writing import SegmentWriter

    from index.faults import checkpoint
    from ingest.formats import text

    commit_toc = SegmentWriter._commit_toc
    rename_file = FileStorage.rename_file
    clean_files = whoosh_index.clean_files
    extract_text = text.extract

    def _commit_toc(self, segments):
        checkpoint("whoosh.segment-written")
        return commit_toc(self, segments)

    def _rename_file(self, source, target, safe=False):
        if target.endswith(".toc"):
            checkpoint("whoosh.toc-rename")
        return rename_file(self, source, target, safe)

    def _clean_files(*args, **kwargs):
        checkpoint("whoosh.clean-files")
        return clean_files(*args, **kwargs)

    def _extract_text(data, name):
        if os.path.basename(name) == os.environ.get("KLIMAVIDEN_SLOW_FILE"):
            time.sleep(float(os.environ.get("KLIMAVIDEN_SLOW_SECONDS", "60")))
        return extract_text(data, name)

    SegmentWriter._commit_toc = _commit_toc
    FileStorage.rename_file = _rename_file
    whoosh_index.clean_files = _clean_files
    text.extract = _extract_text


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    install_hooks()
    from klimaviden.cli import main

    main(args=sys.argv[1:], prog_name="klimaviden")
