"""Searches keep answering while `klimaviden reindex` runs, incremental and full: from threads
sharing one SearchService (as the web app does), from a thread with its own, and from a second
process. Every answer succeeds and comes from one consistent state of the corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from reliability_helpers import REPO, cli_env, note, run_cli, write_files

from index.query import SearchRequest
from reindex import reindex
from index.service import SearchService

WORD = "klimanotat"


def write_state(corpus: Path, numbers: list[int], version: int = 1) -> frozenset[str]:
    """The corpus holds exactly notes `numbers`; returns the paths a search for WORD must find."""
    for old in corpus.glob("notat-*.txt"):
        if int(old.stem.split("-")[1]) not in numbers:
            old.unlink()
    write_files(corpus, {
        f"notat-{n:02d}.txt": note(f"Notat nummer {n}", f"Kommunens {WORD} nummer {n}, udgave {version}.")
        for n in numbers
    })
    return frozenset(f"notat-{n:02d}.txt" for n in numbers)


def answer(service: SearchService) -> frozenset[str]:
    result = service.search(SearchRequest(q=WORD, per_page=100))
    paths = frozenset(r["path"] for r in result["results"])
    assert result["total"] == len(paths), "the total and the listed results disagree"
    assert sum(result["facets"]["type"].values()) == result["total"], "facets from another state"
    return paths


READER_PROCESS = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from index.query import SearchRequest
    from index.service import SearchService

    index_dir, stop = Path(sys.argv[1]), Path(sys.argv[2])
    service = SearchService(index_dir)
    while not stop.exists():
        try:
            result = service.search(SearchRequest(q=%r, per_page=100))
            paths = sorted(r["path"] for r in result["results"])
            ok = result["total"] == len(paths)
            print(json.dumps({"paths": paths, "ok": ok}), flush=True)
        except Exception as exc:
            print(json.dumps({"error": repr(exc)}), flush=True)
        time.sleep(0.01)
    """
    % WORD
)


def test_searches_during_incremental_runs_and_full_rebuilds_all_answer_from_one_state(tmp_path):
    corpus = tmp_path / "corpus"
    index_dir = tmp_path / "index"
    states = [write_state(corpus, list(range(4)))]
    reindex(corpus, index_dir, workers=1)

    stop = threading.Event()
    seen: list[frozenset[str]] = []
    errors: list[str] = []
    shared = SearchService(index_dir)

    def read(service: SearchService) -> None:
        while not stop.is_set():
            try:
                seen.append(answer(service))
            except Exception as exc:  # noqa: BLE001 - every failure is a finding
                errors.append(repr(exc))
            time.sleep(0.01)  # a busy user, not a busy loop: the reindex needs the CPU too

    threads = [threading.Thread(target=read, args=(shared,)) for _ in range(3)]
    threads.append(threading.Thread(target=read, args=(SearchService(index_dir),)))
    stop_file = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER_PROCESS, str(index_dir), str(stop_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(), cwd=REPO,
    )
    for thread in threads:
        thread.start()
    try:
        steps = [
            (list(range(7)), 1, False),        # three notes added
            (list(range(1, 7)), 2, True),      # one deleted, all changed, full rebuild
            (list(range(1, 9)), 2, False),     # two added
            (list(range(2, 10)), 3, True),     # full rebuild again
        ]
        for numbers, version, full in steps:
            time.sleep(0.3)
            states.append(write_state(corpus, numbers, version))
            done = run_cli(
                ["reindex", "--corpus", str(corpus), "--index", str(index_dir), "--quiet"]
                + (["--full"] if full else [])
            )
            assert done.returncode == 0, done.stderr
        time.sleep(0.3)
    finally:
        stop.set()
        stop_file.touch()
        for thread in threads:
            thread.join(timeout=30)
        out, err = reader.communicate(timeout=30)

    assert errors == [], errors[:5]
    assert set(seen) <= set(states), "a search answered from a mix of states"
    assert len(set(seen)) >= 3, "the readers did not run across the reindex runs"
    assert seen[-1] == states[-1] or answer(shared) == states[-1]

    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert lines, err
    assert [line for line in lines if "error" in line or not line["ok"]] == []
    assert {frozenset(line["paths"]) for line in lines} <= set(states)
