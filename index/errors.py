"""The errors the index raises to its callers (the CLI maps them to exit codes, the web app to HTTP)."""

from __future__ import annotations

from ingest import errors as ingest_errors


class IndexMissing(Exception):
    """No index has been built in this directory yet (run `klimaviden reindex`)."""

    def __init__(self, index_dir):
        super().__init__(f"der er endnu intet søgeindeks i {index_dir}")
        self.index_dir = index_dir


class LockHeld(Exception):
    """Another reindex holds the lock; nothing was touched."""

    def __init__(self, pid: int | None):
        holder = f" (pid {pid} har låsen)" if pid else ""
        super().__init__(f"en anden indeksering kører allerede{holder}")
        self.pid = pid


class InvalidRequest(ValueError):
    """A search parameter is not acceptable; str(error) says which one and why, in plain words."""


# One error for every unusable configuration, defined where the lowest layer (ingest) can raise it.
ConfigError = ingest_errors.ConfigError


class IndexDamaged(Exception):
    """The live generation's files are not what was committed (truncated, missing, changed bytes,
    unreadable metadata). Searching cannot be trusted; the next plain reindex rebuilds it."""

    def __init__(self, where, problem: str):
        super().__init__(f"søgeindekset i {where} er beskadiget: {problem}")
        self.where = where
        self.problem = problem
