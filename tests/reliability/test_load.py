"""Load: gunicorn with 2 workers on loopback serves a generated corpus of a few hundred documents
to concurrent clients while full reindexes run back to back. Every request must succeed.

Not in the default run: `make test-load` (pytest -m load -s) prints the figures.
KLIMAVIDEN_LOAD_SECONDS (default 30) and KLIMAVIDEN_LOAD_CLIENTS (default 8) change the load.
"""

from __future__ import annotations

import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest

from reliability_helpers import REPO, cli_env, copy_taxonomy, write_files

from reindex import reindex

pytestmark = pytest.mark.load

WORDS = (
    "skybrud klimatilpasning fjernvarme varmepumpe solceller vindmøller biogas landbrug gylle "
    "transport cykelstier elbiler bygninger energirenovering affald genanvendelse borgerinddragelse "
    "partnerskaber erhverv CO2-regnskab kommune region forsyning grundvand kystsikring skovrejsning "
    "ledelse strategi handleplan borgere virksomheder netværk møde oplæg rapport"
).split()
QUERIES = ["skybrud", "fjernvarme", "varmepumper", "klimatilpasning kommune", '"grønne tage"', "biogas gylle",
           "cykelstier", "CO2-regnskab", "partnerskab", "energirenovering bygninger", "xyzzy", ""]


def generated_corpus(root: Path, documents: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    corpus = root / "corpus"
    corpus.mkdir(parents=True)
    copy_taxonomy(corpus)
    files: dict[str, str] = {}
    meetings = [f"20{19 + n // 12}-{n % 12 + 1:02d}-15-moede-{n}" for n in range(12)]
    for meeting in meetings:
        files[f"{meeting}/meeting.toml"] = (
            f'title = "Netværksmøde {meeting[-2:]}"\ndate = {meeting[:10]}\nthemes = ["Tema {meeting[-1]}"]\n'
        )
    for n in range(documents):
        words = [rng.choice(WORDS) for _ in range(rng.randint(150, 600))]
        title = " ".join(rng.sample(WORDS, 4)).capitalize()
        body = "\n\n".join(" ".join(words[i : i + 60]) + "." for i in range(0, len(words), 60))
        folder = rng.choice(meetings + ["noter"])
        if n % 3 == 0:
            files[f"{folder}/dokument-{n:04d}.html"] = (
                f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                + "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
                + "</article></body></html>"
            )
        else:
            files[f"{folder}/dokument-{n:04d}.txt"] = f"{title}\n\n{body}\n"
    return write_files(corpus, files)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def test_gunicorn_serves_without_errors_while_full_reindexes_run(tmp_path):
    seconds = float(os.environ.get("KLIMAVIDEN_LOAD_SECONDS", "30"))
    clients = int(os.environ.get("KLIMAVIDEN_LOAD_CLIENTS", "8"))
    corpus = generated_corpus(tmp_path, documents=300)
    index_dir = tmp_path / "index"
    assert reindex(corpus, index_dir, full=True).as_dict()["failed"] == []

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "webapp:create_app()"],
        env=cli_env(KLIMAVIDEN_CORPUS=str(corpus), KLIMAVIDEN_INDEX=str(index_dir)),
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                if get(base + "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
        first_generation = json.loads(get(base + "/healthz")[1])["generation"]

        stop = threading.Event()
        lock = threading.Lock()
        latencies: list[float] = []
        failures: list[str] = []
        reindexes: list[int] = []

        def rebuild_again_and_again() -> None:
            while not stop.is_set():
                done = subprocess.run(
                    [str(Path(sys.executable).with_name("klimaviden")), "reindex", "--full", "--quiet",
                     "--corpus", str(corpus), "--index", str(index_dir)],
                    env=cli_env(), capture_output=True, text=True,
                )
                with lock:
                    reindexes.append(done.returncode)
                    if done.returncode != 0:
                        failures.append(f"reindex exited {done.returncode}: {done.stderr[-500:]}")

        def client(seed: int) -> None:
            rng = random.Random(seed)
            while not stop.is_set():
                params = {"q": rng.choice(QUERIES)}
                if rng.random() < 0.3:
                    params["page"] = str(rng.randint(1, 3))
                path = rng.choice(["/", "/api/search"])
                url = f"{base}{path}?{urlencode(params)}"
                started = time.perf_counter()
                try:
                    status, body = get(url)
                    problem = None if status == 200 else f"{status} {url}: {body[:200]!r}"
                except OSError as exc:
                    problem = f"{url}: {exc!r}"
                elapsed = time.perf_counter() - started
                with lock:
                    if problem:
                        failures.append(problem)
                    else:
                        latencies.append(elapsed)

        threads = [threading.Thread(target=rebuild_again_and_again)]
        threads += [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        elapsed = time.monotonic() - started
        last_generation = json.loads(get(base + "/healthz")[1])["generation"]
    finally:
        server.terminate()
        server.wait(timeout=30)
        server.stderr.close()

    served = len(latencies)
    ms = [x * 1000 for x in latencies]
    print(
        f"\nload: {served} requests served in {elapsed:.1f} s ({served / elapsed:.0f}/s) by gunicorn -w 2, "
        f"{clients} clients, {len(reindexes)} full reindexes of 300 documents meanwhile "
        f"(generation {first_generation} -> {last_generation}); errors: {len(failures)}; latency ms "
        f"p50 {statistics.median(ms):.0f}, p95 {percentile(ms, 0.95):.0f}, p99 {percentile(ms, 0.99):.0f}, "
        f"max {max(ms):.0f}"
    )
    assert failures == [], failures[:10]
    assert served > 0 and reindexes and last_generation > first_generation
