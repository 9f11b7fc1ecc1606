"""Running a function over many items in worker processes, each call with a time and memory limit.

A call that runs past the time limit, or whose process grows past the memory limit, has its process
killed and replaced; a process that dies (a parser crash) is replaced too. Either way the item is
reported as failed and the rest go on.

Memory is watched from the parent (a few times a second, from /proc on Linux) rather than capped
with RLIMIT_AS: PDF rendering and OCR reserve far more address space than they ever use.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
import traceback
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any


class TaskTimeout(Exception):
    """The call ran longer than the time limit and its process was stopped."""


class TaskCrashed(Exception):
    """The worker process died during the call (e.g. a crash in a C library or out of memory)."""


class TaskTooLarge(Exception):
    """The call's process grew past the memory limit and was stopped."""


class TaskFailed(Exception):
    """The call raised an exception that could not be sent back as itself."""


# How often a busy worker's memory is looked at when there is a memory limit.
MEMORY_POLL_SECONDS = 0.2
_MEMORY_FIELDS = (b"Private_Clean:", b"Private_Dirty:", b"Swap:")
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def private_memory(pid: int) -> int | None:
    """Bytes a process holds for itself (private resident pages and swap), or None where /proc
    does not tell. Pages a forked worker still shares with its parent are not counted."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    fields = [line.split() for line in lines if line.startswith(_MEMORY_FIELDS)]
    return sum(int(parts[1]) for parts in fields) * 1024 if fields else None


def resident_anonymous(pid: int) -> int | None:
    """Resident memory not backed by files, or None where /proc does not tell. A cheap first look
    (it also counts the pages a forked worker still shares with its parent); private_memory confirms."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            fields = handle.read().split()
    except OSError:
        return None
    return (int(fields[1]) - int(fields[2])) * _PAGE_SIZE


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


# prctl(2): deliver a signal to this process when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    """Let the kernel kill this worker when the process that started it dies (kill -9 of a
    reindex): a parser busy or hanging must not outlive it, holding its files and a CPU."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        os._exit(1)


# In a worker process: its end of the pipe to the parent, for extend_deadline.
_to_parent: Connection | None = None


def extend_deadline(seconds: float) -> None:
    """Give the call running in this worker ``seconds`` more before its time limit.

    For work that brings its own, separate limit: a scanned PDF asks for one page's OCR time limit
    before each page it reads, so a 30-page scan is not stopped by the per-file limit meant for
    parsers while every single Tesseract run stays limited. Outside a worker it does nothing."""
    if _to_parent is not None:
        _to_parent.send(("extend", float(seconds)))


def _serve(task: Callable[[Any], Any], conn: Connection, parent_end: Connection, parent_pid: int) -> None:
    global _to_parent
    _to_parent = conn
    # A forked worker holds a copy of its parent's end of the pipe too; closed, so that an idle
    # worker sees the end of the pipe (and exits) when the parent is gone.
    parent_end.close()
    _die_with_parent(parent_pid)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if message is None:
            return
        try:
            conn.send(("ok", task(message)))
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the parent
            try:
                conn.send(("error", exc))
            except Exception:  # noqa: BLE001 - the exception itself cannot be pickled
                conn.send(("error", TaskFailed("".join(traceback.format_exception(exc)))))


class _Worker:
    def __init__(self, task: Callable[[Any], Any]):
        ctx = _context()
        self.conn, child_conn = ctx.Pipe()
        self.process = ctx.Process(
            target=_serve, args=(task, child_conn, self.conn, os.getpid()), daemon=True
        )
        with warnings.catch_warnings():
            # Python 3.12+ warns about fork() in a process with threads (read_ahead runs this in
            # one). The child only serves tasks: it touches none of the locks other threads hold.
            warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
            self.process.start()
        child_conn.close()
        self.item: Any = None
        self.deadline: float | None = None

    def assign(self, item: Any, timeout: float | None) -> None:
        self.item = item
        self.deadline = time.monotonic() + timeout if timeout else None
        self.conn.send(item)

    def stop(self, force: bool = False) -> None:
        if not force:
            try:
                self.conn.send(None)
            except (OSError, ValueError):
                force = True
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def run_limited(
    task: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    workers: int | None = None,
    timeout: float | None = None,
    max_memory: int | None = None,
) -> Iterator[tuple[Any, Any]]:
    """Yield (item, result) in completion order; the result is the exception when the call failed.

    ``task`` runs in worker processes; a call longer than ``timeout`` seconds yields TaskTimeout,
    one whose process holds more than ``max_memory`` bytes yields TaskTooLarge (either way its
    process is killed and replaced), a worker that died yields TaskCrashed.
    """
    pending = deque(items)
    if not pending:
        return
    count = max(1, min(workers or os.cpu_count() or 1, len(pending)))
    idle = [_Worker(task) for _ in range(count)]
    busy: list[_Worker] = []
    try:
        while pending or busy:
            while pending and idle:
                worker = idle.pop()
                worker.assign(pending.popleft(), timeout)
                busy.append(worker)
            deadlines = [w.deadline for w in busy if w.deadline is not None]
            wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
            if max_memory:
                wait_for = MEMORY_POLL_SECONDS if wait_for is None else min(wait_for, MEMORY_POLL_SECONDS)
            ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], wait_for))
            for worker in list(busy):
                outcome = None
                if worker.conn in ready or worker.process.sentinel in ready:
                    outcome = _receive(worker)
                    if isinstance(outcome, tuple) and outcome[0] == "extend":
                        if worker.deadline is not None:
                            worker.deadline += outcome[1]
                        continue
                elif worker.deadline is not None and time.monotonic() >= worker.deadline:
                    outcome = TaskTimeout(f"stoppet efter tidsgrænsen på {timeout:g} s")
                elif max_memory:
                    outcome = _over_memory(worker, max_memory)
                if outcome is None:
                    continue
                busy.remove(worker)
                item = worker.item
                if isinstance(outcome, (TaskTimeout, TaskCrashed, TaskTooLarge)):
                    worker.stop(force=True)
                    idle.append(_Worker(task))
                    yield item, outcome
                else:
                    idle.append(worker)
                    yield item, outcome[1]
    finally:
        for worker in idle + busy:
            worker.stop(force=worker in busy)


_END = object()


def read_ahead(items: Iterator[Any], depth: int) -> Iterator[Any]:
    """Iterate ``items`` in a background thread, up to ``depth`` results ahead of the consumer.

    With worker processes behind ``items``, they keep working while the consumer is busy (the index
    writer committing a batch) instead of waiting for it to ask for the next result. An exception
    of ``items`` is raised to the consumer; a consumer that stops early stops the thread, which
    closes ``items`` (so its workers are stopped) before this generator returns.
    """
    buffer: queue.Queue = queue.Queue(maxsize=max(1, depth))
    stop = threading.Event()

    def offer(entry) -> bool:
        while not stop.is_set():
            try:
                buffer.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer((True, item)):
                    return
            offer((True, _END))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            offer((False, exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=produce, name="read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            ok, value = buffer.get()
            if not ok:
                raise value
            if value is _END:
                return
            yield value
    finally:
        stop.set()
        thread.join()


def _over_memory(worker: _Worker, limit: int) -> TaskTooLarge | None:
    # statm costs microseconds; smaps_rollup walks every page (milliseconds), so only to confirm
    cheap = resident_anonymous(worker.process.pid)
    if cheap is None or cheap <= limit:
        return None
    used = private_memory(worker.process.pid)
    if used is None:
        used = cheap
    if used <= limit:
        return None
    return TaskTooLarge(f"stoppet ved {used // 2**20} MB hukommelse, over grænsen på {limit // 2**20} MB")


def _receive(worker: _Worker):
    try:
        if worker.conn.poll():
            return worker.conn.recv()
    except (EOFError, OSError):
        pass
    worker.process.join(0.5)
    return TaskCrashed(f"arbejdsprocessen døde (afslutningskode {worker.process.exitcode})")
