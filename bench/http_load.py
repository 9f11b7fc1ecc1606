"""The web app under gunicorn on loopback: start it, drive requests for a bounded time, stop it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import psutil
import requests

from bench.stats import summarize


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(corpus: Path, index_dir: Path, workers: int = 2, timeout: float = 60.0):
    """Yields (base_url, master_pid) of a running gunicorn with `workers` workers; stops it afterwards."""
    port = free_port()
    env = dict(os.environ, KLIMAVIDEN_CORPUS=str(corpus), KLIMAVIDEN_INDEX=str(index_dir))
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}",
         "--log-level", "warning", "webapp:create_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc, timeout)
        yield base, proc.pid
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(base: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited early: {proc.stderr.read()[-2000:]}")
        try:
            if requests.get(base + "/healthz", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer in time")


def drive(base: str, path: str, param_sets: list[dict], duration: float, concurrency: int = 2) -> dict:
    """Send requests for `duration` seconds from `concurrency` threads, cycling through `param_sets`.

    Returns requests/s, a latency summary in ms, and the count of non-200 answers.
    """
    urls = [f"{base}{path}?{urlencode(params, doseq=True)}" for params in param_sets]
    # one untimed pass warms every worker's caches and opens the index in each
    with requests.Session() as session:
        for url in urls[: min(len(urls), 20)]:
            try:
                session.get(url, timeout=30)
            except requests.RequestException:
                pass
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def client(offset: int) -> None:
        local, bad = [], 0
        with requests.Session() as session:
            i = offset
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                try:
                    ok = session.get(urls[i % len(urls)], timeout=30).status_code == 200
                except requests.RequestException:
                    ok = False
                if ok:
                    local.append(time.perf_counter() - started)
                bad += not ok
                i += concurrency
        with lock:
            latencies.extend(local)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "requests_per_second": len(latencies) / elapsed,
            "note": "latencies of answers with status 200; errors counts the others and timeouts",
            "latency_ms": summarize([x * 1000 for x in latencies]), "errors": errors[0],
            "concurrency": concurrency, "seconds": elapsed}


def worker_rss(master_pid: int) -> list[int]:
    """Resident bytes of each gunicorn worker (the master's children)."""
    try:
        return [child.memory_info().rss for child in psutil.Process(master_pid).children()]
    except psutil.NoSuchProcess:
        return []
