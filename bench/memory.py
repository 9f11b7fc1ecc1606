"""Resident memory of a process and its children, sampled in the background to find the peak."""

from __future__ import annotations

import threading

import psutil


def tree_rss(pid: int) -> int:
    """Bytes resident in the process `pid` and all its descendants right now (0 once it is gone)."""
    try:
        root = psutil.Process(pid)
        procs = [root] + root.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


class PeakRss:
    """`with PeakRss(pid) as peak: ...` then `peak.bytes` is the largest tree RSS seen meanwhile."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid = pid
        self.interval = interval
        self.bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> "PeakRss":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.bytes = max(self.bytes, tree_rss(self.pid))
            self._stop.wait(self.interval)


def folder_bytes(path) -> int:
    """Total size of the regular files below `path`."""
    from pathlib import Path

    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())
