"""Durable small-file writes: write a temporary file, fsync it, rename it into place, fsync the folder."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from index.faults import checkpoint


def fsync_path(path: Path) -> None:
    """Flush a file's data, or a folder's entries (a rename into it), to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: str) -> None:
    """Replace path by data so that a reader (or a crash) sees the old content or the new, never a mix."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    checkpoint("fsio.replace", path)
    os.replace(tmp, path)
    fsync_path(path.parent)


def write_json_atomic(path: Path, data) -> None:
    # no indent: Python's json module encodes indented output in Python, several times slower than
    # its C encoder (the index metadata holds every meeting's programme)
    write_atomic(path, json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def read_json(path: Path, default=None):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        return default


def fsync_tree(path: Path, newer_than_ns: int = 0) -> None:
    """fsync the files of a folder changed since newer_than_ns, then the folder itself."""
    for entry in os.scandir(path):
        if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime_ns >= newer_than_ns:
            try:
                fsync_path(Path(entry.path))
            except FileNotFoundError:  # a temporary file Whoosh removed meanwhile
                pass
    fsync_path(path)


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
