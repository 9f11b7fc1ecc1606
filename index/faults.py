"""Named fault points in the reindex path, for the crash and disk-error tests. Inert in normal use.

When the environment variable KLIMAVIDEN_FAULT_POINT names a point, the process fails there:

    KLIMAVIDEN_FAULT_POINT=writer.commit            SIGKILL this process at that point
    KLIMAVIDEN_FAULT_POINT=reindex.document@3       ... on the 3rd time the point is reached
    KLIMAVIDEN_FAULT_POINT=writer.commit:enospc     raise OSError(ENOSPC) there (also :erofs, :eio)

Points (in the order a run reaches them): reindex.locked, reindex.generation-created,
reindex.deleted, reindex.document, writer.commit, reindex.committed, fsio.replace,
reindex.meta-written, store.swap, store.swapped, store.removing-stale.
"""

from __future__ import annotations

import errno
import os
import signal

ENV = "KLIMAVIDEN_FAULT_POINT"
ERRORS = {"enospc": errno.ENOSPC, "erofs": errno.EROFS, "eio": errno.EIO}

_reached: dict[str, int] = {}


def checkpoint(name: str, path: object = None) -> None:
    """Fail here if KLIMAVIDEN_FAULT_POINT names this point (see the module docstring)."""
    wanted = os.environ.get(ENV)
    if not wanted:
        return
    spec, _, action = wanted.partition(":")
    point, _, nth = spec.partition("@")
    if point != name:
        return
    _reached[name] = _reached.get(name, 0) + 1
    if _reached[name] != int(nth or 1):
        return
    if action in ("", "kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    code = ERRORS[action]
    raise OSError(code, os.strerror(code), None if path is None else str(path))
