"""The reindex lock: an flock on a file in the index folder, with the holder's pid written inside.

Non-blocking: a second run fails at once with LockHeld(pid) and touches nothing. The kernel
releases the lock when its process dies, so a crashed run never blocks the next one.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from index.errors import LockHeld
from index.faults import checkpoint

LOCK_NAME = "reindex.lock"

# Parser processes are forked while the lock is held. Their copy of the lock's file descriptor
# would keep the lock alive if this process were killed before them, so a child closes it at once.
# The same goes for the Whoosh writer's lock (see close_in_children).
_held: set[int] = set()


def _close_in_child() -> None:
    for fd in list(_held):
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


@contextmanager
def close_in_children(fd: int | None):
    """While the block runs, processes forked from this one close fd (a lock they must not keep)."""
    if fd is None:
        yield
        return
    _held.add(fd)
    try:
        yield
    finally:
        _held.discard(fd)


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
        return int(text) if text else None
    except (OSError, ValueError):
        return None


def _write_pid(fd: int, text: str) -> None:
    """The holder's pid is for messages only: on a full disk the lock holds without it, so the run
    can go on to free the space a crashed run left."""
    try:
        checkpoint("lock.pid")
        os.ftruncate(fd, 0)
        if text:
            os.write(fd, text.encode("ascii"))
    except OSError:
        pass


@contextmanager
def reindex_lock(index_dir: Path):
    """Hold the index folder's reindex lock for the duration of the block, or raise LockHeld."""
    index_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(index_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockHeld(_read_pid(fd)) from None
        _held.add(fd)
        _write_pid(fd, f"{os.getpid()}\n")
        try:
            yield
        finally:
            _write_pid(fd, "")
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        _held.discard(fd)
        os.close(fd)


def lock_holder(index_dir: Path) -> int | None:
    """The pid of a running reindex on this index folder, or None."""
    path = index_dir / LOCK_NAME
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDWR)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return _read_pid(fd) or -1
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
