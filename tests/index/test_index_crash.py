"""A reindex killed with SIGKILL at any point leaves a readable index with the previous state (or
the new one once committed), and the next run is not blocked and converges. A second run while
one holds the lock raises LockHeld and touches nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.errors import LockHeld
from index.query import SearchRequest
from reindex import reindex
from index.service import SearchService

RUNNER = Path(__file__).with_name("crash_runner.py")


def start(corpus, index_dir, point, tmp_path):
    signal_file = tmp_path / f"reached-{point}"
    process = subprocess.Popen(
        [sys.executable, str(RUNNER), str(corpus), str(index_dir), point, str(signal_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not signal_file.exists():
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode())
        assert time.monotonic() < deadline, "the runner never reached its point"
        time.sleep(0.02)
    return process


def kill(process):
    """kill -9 of the reindex process alone (its parser processes may outlive it)."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
    process.stderr.close()


@pytest.fixture
def cleanup():
    """Kills whatever the runners left behind (their parser processes) after the test."""
    sessions = []
    yield sessions.append
    for pid in sessions:
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def total(index_dir, q):
    return SearchService(index_dir).search(SearchRequest(q=q))["total"]


def change(corpus: Path):
    (corpus / "noter" / "gylle.txt").write_text("Halmfyr og biomasse.\n", "utf-8")
    (corpus / "noter" / "brint.md").write_text("# Brint\n\nElektrolyse og brint.\n", "utf-8")
    (corpus / "2022-11-08-klimatilpasning-og-skybrud" / "noter.md").unlink()


@pytest.fixture
def indexed(mini_corpus, tmp_path):
    index_dir = tmp_path / "index"
    reindex(mini_corpus, index_dir, workers=1)
    return mini_corpus, index_dir


@pytest.mark.parametrize("point", ["parsing", "writing", "rebuilding", "swapping"])
def test_killed_before_the_commit_leaves_the_previous_state(indexed, tmp_path, point, cleanup):
    corpus, index_dir = indexed
    change(corpus)
    process = start(corpus, index_dir, point, tmp_path)
    cleanup(process.pid)
    kill(process)

    # readable, and exactly the previous state
    assert total(index_dir, "gylleforsuring") == 1
    assert total(index_dir, "halmfyr") == 0
    assert total(index_dir, "brint") == 0
    assert SearchService(index_dir).health()["documents"] == 5

    # the next run is not blocked and converges to the corpus
    summary = reindex(corpus, index_dir, workers=1).as_dict()
    assert summary["failed"] == []
    assert total(index_dir, "gylleforsuring") == 0
    assert total(index_dir, "halmfyr") == 1 and total(index_dir, "brint") == 1
    assert summary["documents"] == 5


def test_killed_after_the_commit_shows_the_new_state(indexed, tmp_path, cleanup):
    corpus, index_dir = indexed
    change(corpus)
    process = start(corpus, index_dir, "committed", tmp_path)
    cleanup(process.pid)
    kill(process)
    assert total(index_dir, "halmfyr") == 1 and total(index_dir, "gylleforsuring") == 0
    summary = reindex(corpus, index_dir, workers=1).as_dict()
    assert summary["unchanged"] == 5 and summary["added"] == summary["updated"] == 0


def test_a_second_run_raises_lock_held_and_touches_nothing(indexed, tmp_path, cleanup):
    corpus, index_dir = indexed
    change(corpus)
    holder = start(corpus, index_dir, "holding", tmp_path)
    cleanup(holder.pid)
    try:
        before = {p: p.stat().st_mtime_ns for p in index_dir.rglob("*") if p.name != "reindex.lock"}
        with pytest.raises(LockHeld) as caught:
            reindex(corpus, index_dir, workers=1)
        assert caught.value.pid == holder.pid
        assert str(holder.pid) in str(caught.value)
        after = {p: p.stat().st_mtime_ns for p in index_dir.rglob("*") if p.name != "reindex.lock"}
        assert after == before
    finally:
        kill(holder)
    # the killed holder's lock is gone with it
    assert reindex(corpus, index_dir, workers=1).as_dict()["added"] == 1
