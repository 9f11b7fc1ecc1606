"""Reindexing: bringing the index up to date with the corpus.

A consumer of `ingest` (which reads files) and `index` (which keeps generations and writes them):
`plan` diffs the corpus scan against the index, `run` extracts, writes and commits, `guards` refuse
what would empty the index by mistake, `corpus` stamps what each document depends on.
"""

from reindex.guards import MassDeleteRefused
from reindex.report import ReindexReport
from reindex.run import reindex

__all__ = ["MassDeleteRefused", "ReindexReport", "reindex"]
