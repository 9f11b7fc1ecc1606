"""kill -9 of `klimaviden reindex` at named points (index/faults.py, and inside Whoosh's commit via
fault_runner.py). After each kill: the index opens, every search answers from the previous
committed state or from the new one (never a mix, never an error), no stale lock blocks the next
run, and the next run converges to the corpus."""

from __future__ import annotations

import signal
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from reliability_helpers import corpus_a, corpus_b, fingerprint, processes_left, run_cli

from index import store
from index.lock import lock_holder
from reindex import reindex


@dataclass(frozen=True)
class Kill:
    point: str  # KLIMAVIDEN_FAULT_POINT
    full: bool = False  # `reindex --full` (a rebuild beside the live generation, then a swap)
    builds: int = 1  # full builds of state A before the killed run (2 leaves a stale generation)

    @property
    def id(self) -> str:
        return f"{self.point}{'-full' if self.full else ''}"


# In the order a run reaches them. Incremental runs commit inside the live generation.
KILLS = [
    Kill("reindex.locked"),                     # holds the lock, nothing read yet
    Kill("reindex.deleted"),                    # vanished files deleted in the uncommitted writer
    Kill("reindex.document@1"),                 # during parsing: first document added
    Kill("writer.commit"),                      # everything parsed, commit about to start
    Kill("whoosh.segment-written"),             # new segment files on disk, no table of contents
    Kill("whoosh.toc-rename"),                  # table of contents written, not yet renamed
    Kill("whoosh.clean-files"),                 # committed, old files not yet removed
    Kill("reindex.committed"),                  # committed, metadata not yet written
    Kill("fsio.replace"),                       # metadata written to a temporary file, not renamed
    Kill("reindex.generation-created", full=True),  # empty new generation beside the live one
    Kill("reindex.document@3", full=True),      # during parsing of a full rebuild
    Kill("whoosh.toc-rename", full=True),       # the new generation's commit
    Kill("store.swap", full=True),              # new generation complete, CURRENT not replaced
    Kill("fsio.replace@3", full=True),          # new CURRENT in a temporary file, not renamed
    Kill("store.swapped", full=True),           # swapped, old generations not yet removed
    Kill("store.removing-stale", full=True, builds=2),  # removing the generation before last
]

# An incremental run of state A -> B parses 3 files; a full rebuild 11.
SLOW_KILLS = [
    Kill("reindex.document@2"),
    Kill("reindex.document@3"),
    Kill("reindex.locked", full=True),
    Kill("reindex.document@1", full=True),
    Kill("reindex.document@8", full=True),
    Kill("reindex.document@11", full=True),
    Kill("writer.commit", full=True),
    Kill("whoosh.segment-written", full=True),
    Kill("whoosh.clean-files", full=True),
    Kill("reindex.committed", full=True),
    Kill("reindex.meta-written", full=True),
    Kill("fsio.replace@2", full=True),
]


@dataclass
class KilledRun:
    kill: Kill
    corpus: Path
    index: Path
    returncode: int
    stderr: str
    session: int
    seen: dict | Exception  # what searches answered right after the kill


def prepare(kill: Kill, root: Path) -> tuple[Path, Path]:
    """State A indexed (in this process), the corpus changed to state B."""
    corpus = corpus_a(root / "corpus")
    index_dir = root / "index"
    for _ in range(kill.builds):
        reindex(corpus, index_dir, full=True, workers=1)
    corpus_b(corpus)
    return corpus, index_dir


def kill_run(kill: Kill, corpus: Path, index_dir: Path) -> KilledRun:
    args = ["reindex", "--corpus", str(corpus), "--index", str(index_dir), "--quiet"]
    if kill.full:
        args.append("--full")
    done = run_cli(args, fault=kill.point)
    try:
        seen = fingerprint(index_dir, corpus)
    except Exception as exc:  # noqa: BLE001 - reported by the test
        seen = exc
    return KilledRun(kill, corpus, index_dir, done.returncode, done.stderr, done.pid, seen)


def run_kills(kills: list[Kill], root: Path) -> dict[str, KilledRun]:
    """The killed runs, three at a time, each in its own folders. (The builds before them run
    here, one after the other: a reindex forks parser processes, best not from several threads.)"""
    prepared = {k.id: (k, *prepare(k, root / k.id.replace("@", "-"))) for k in kills}
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {name: pool.submit(kill_run, *args) for name, args in prepared.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module")
def reference_states(tmp_path_factory) -> tuple[dict, dict]:
    """The fingerprints of state A and of state B, each from a clean build."""
    root = tmp_path_factory.mktemp("reference")
    corpus = corpus_a(root / "corpus")
    reindex(corpus, root / "a", full=True, workers=1)
    before = fingerprint(root / "a")
    corpus_b(corpus)
    reindex(corpus, root / "b", full=True, workers=1)
    return before, fingerprint(root / "b")


@pytest.fixture(scope="module")
def killed(tmp_path_factory) -> dict[str, KilledRun]:
    return run_kills(KILLS, tmp_path_factory.mktemp("kills"))


def documents(fingerprint: dict) -> dict:
    return {key: fingerprint[key] for key in ("total", "documents", "words")}


def check_recovery(run: KilledRun, before: dict, after: dict) -> None:
    assert run.returncode == -signal.SIGKILL, (
        f"{run.kill.point}: the run was not killed there (exit {run.returncode})\n{run.stderr}"
    )
    seen = run.seen
    assert not isinstance(seen, Exception), f"after a kill at {run.kill.point}: {seen!r}"
    assert documents(seen) in (documents(before), documents(after)), (
        f"after a kill at {run.kill.point} searches mix states: {seen}"
    )
    # An incremental run commits documents (Whoosh) and writes meetings and failures beside them
    # (klimaviden.json): killed in between, the meeting list must still match the documents.
    assert seen in (before, after), f"after a kill at {run.kill.point} the meetings do not match: {seen}"

    assert processes_left(run.session) == [], "processes of the killed run are still running"
    assert lock_holder(run.index) is None, "a killed run left the reindex lock held"
    report = reindex(run.corpus, run.index, workers=1).as_dict()
    assert report["failed"] == []
    assert fingerprint(run.index, run.corpus) == after, "the next reindex did not converge"
    assert len(store.generations(run.index)) <= 2, "crashed rebuilds left generations behind"
    assert list(run.index.glob(".*.tmp")) == [], "a crashed swap left its temporary file behind"
    again = reindex(run.corpus, run.index, workers=1).as_dict()
    assert (again["added"], again["updated"], again["deleted"]) == (0, 0, 0)


@pytest.mark.parametrize("kill", KILLS, ids=[k.id for k in KILLS])
def test_a_killed_reindex_leaves_one_consistent_state_and_the_next_run_converges(
    kill, killed, reference_states
):
    check_recovery(killed[kill.id], *reference_states)


def test_kill_points_are_distinct():
    assert len({k.id for k in KILLS}) == len(KILLS) >= 10
    assert len({k.id for k in KILLS + SLOW_KILLS}) == len(KILLS + SLOW_KILLS)


@pytest.mark.slow
@pytest.mark.parametrize("repetition", range(2))
def test_more_kill_points_and_repetitions(repetition, tmp_path, reference_states):
    runs = run_kills(SLOW_KILLS + KILLS, tmp_path)
    problems = []
    for name, run in runs.items():
        try:
            check_recovery(run, *reference_states)
        except AssertionError as exc:
            problems.append(f"{name}: {str(exc)[:300]}")
    assert problems == []


def test_a_first_build_killed_before_the_swap_leaves_no_index_and_the_next_run_builds_it(
    tmp_path, reference_states
):
    from index.errors import IndexMissing

    corpus = corpus_b(corpus_a(tmp_path / "corpus"))
    index_dir = tmp_path / "index"
    done = run_cli(["reindex", "--corpus", str(corpus), "--index", str(index_dir)], fault="store.swap")
    assert done.returncode == -signal.SIGKILL, done.stderr
    with pytest.raises(IndexMissing):
        fingerprint(index_dir)
    assert reindex(corpus, index_dir, workers=1).as_dict()["failed"] == []
    assert fingerprint(index_dir) == reference_states[1]


def test_parser_processes_do_not_outlive_a_killed_reindex(tmp_path):
    """A parser still busy (here: hanging) when its reindex is killed must not linger, holding
    the lock's file or burning a CPU, until someone notices."""
    corpus = corpus_a(tmp_path / "corpus")
    (corpus / "noter" / "zz-haenger.txt").write_text("Notat der hænger\n\nTekst.\n", encoding="utf-8")
    done = run_cli(
        ["reindex", "--corpus", str(corpus), "--index", str(tmp_path / "index"), "--workers", "2"],
        fault="reindex.document@1",
        KLIMAVIDEN_SLOW_FILE="zz-haenger.txt",
        KLIMAVIDEN_SLOW_SECONDS="60",
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    # run_cli starts each run in a session of its own, whose id is the run's pid
    assert processes_left(done.pid) == [], "parser processes outlived the killed reindex"
    assert lock_holder(tmp_path / "index") is None

