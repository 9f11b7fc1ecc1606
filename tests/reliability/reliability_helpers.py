"""Helpers for the reliability tests: small corpora written on the spot, the `klimaviden` command
run as a real process (with fault points), and a fingerprint of what searches answer."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("fault_runner.py")
FAULT_ENV = "KLIMAVIDEN_FAULT_POINT"

# Words that each name one document of the crash-test corpus (see corpus_a / corpus_b).
FINGERPRINT_WORDS = ("makrel", "torsk", "laks", "sild", "hummer", "rødspætte", "førsteudgave")


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for relpath, content in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def copy_taxonomy(corpus: Path) -> None:
    for name in ("taxonomy.toml", "entities.toml"):
        shutil.copy(REPO / "corpus" / name, corpus / name)


def note(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


MEETING_TOML = """title = "Fiskeri og klima"
date = 2021-05-01
place = "Esbjerg"
themes = ["Fiskeri og klima"]
organizations = ["KL"]
"""

NEW_MEETING_TOML = """title = "Havet og klimatilpasning"
date = 2022-09-01
place = "Hirtshals"
themes = ["Havet og klimatilpasning"]
"""


def corpus_a(corpus: Path) -> Path:
    """The state a reindex starts from."""
    corpus.mkdir(parents=True, exist_ok=True)
    copy_taxonomy(corpus)
    files = {
        "noter/makrel.txt": note("Notat om makrel", "Kommunen undersøger makrel og klimaet i havet."),
        "noter/torsk.txt": note("Notat om torsk", "Førsteudgave af notatet om torsk og havvand."),
        "noter/laks.md": "# Notat om laks\n\nLaks i åerne og klimatilpasning langs vandløb.\n",
        "2021-05-01-fiskeri/meeting.toml": MEETING_TOML,
        "2021-05-01-fiskeri/invitation.html": (
            "<html><head><title>Invitation om sild</title></head><body><article>"
            "<h1>Invitation: sild og klima</h1><p>Netværket mødes om sild og fiskeri.</p>"
            "</article></body></html>"
        ),
    }
    for n in range(6):
        files[f"noter/fyld-{n}.txt"] = note(f"Baggrundsnotat {n}", f"Energi og varme i kommune nummer {n}.")
    return write_files(corpus, files)


def corpus_b(corpus: Path) -> Path:
    """corpus_a after one change, one deletion, one new file and one new meeting."""
    write_files(corpus, {
        "noter/torsk.txt": note("Revideret notat om torsk", "Anden udgave om torsk og rødspætte."),
        "noter/hummer.txt": note("Notat om hummer", "Hummer i Kattegat og klimaet."),
        "2022-09-01-havet/meeting.toml": NEW_MEETING_TOML,
        "2022-09-01-havet/referat.txt": note("Referat om havet", "Referat: rødspætte og havvand."),
    })
    (corpus / "noter" / "laks.md").unlink()
    return corpus


def fingerprint(index_dir: Path, corpus: Path | None = None) -> dict:
    """What a reader sees: every document with its title, which documents each word finds, and
    the meetings. Two fingerprints are equal exactly when searches answer the same."""
    from index.query import SearchRequest
    from index.service import SearchService

    service = SearchService(index_dir, corpus)
    try:
        listing = service.search(SearchRequest(per_page=100))
        return {
            "total": listing["total"],
            "documents": sorted((r["path"], r["title"]) for r in listing["results"]),
            "words": {
                word: sorted(r["path"] for r in service.search(SearchRequest(q=word, per_page=100))["results"])
                for word in FINGERPRINT_WORDS
            },
            "meetings": sorted((m["id"], len(m["documents"])) for m in service.meetings()),
        }
    finally:
        service.close()


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KLIMAVIDEN_")}
    env.update(extra)
    return env


@dataclass
class Finished:
    args: list[str]
    pid: int  # also the id of the session (and process group) the run had to itself
    returncode: int
    stdout: str
    stderr: str


_sessions: list[int] = []


def run_cli(args: list[str], *, fault: str | None = None, timeout: float = 120, **env) -> Finished:
    """`klimaviden ARGS` in its own process and session (via the fault runner, which is inert
    unless `fault` names a point)."""
    extra = dict(env)
    if fault:
        extra[FAULT_ENV] = fault
    # Output goes to files, not pipes: a pipe would stay open as long as any process the run
    # started is alive, and the test would wait for those instead of for the run.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            [sys.executable, str(RUNNER), *args],
            stdout=out,
            stderr=err,
            text=True,
            env=cli_env(**extra),
            cwd=REPO,
            start_new_session=True,
        )
        _sessions.append(process.pid)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            err.seek(0)
            raise AssertionError(f"klimaviden {' '.join(args)} did not finish in {timeout} s:\n{err.read()}")
        out.seek(0)
        err.seek(0)
        return Finished(args, process.pid, process.returncode, out.read(), err.read())


def live_processes(session_id: int) -> list[int]:
    """Pids of processes (not zombies) still running in a session (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, session = fields[0], int(fields[3])
        if session == session_id and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def processes_left(session_id: int, wait: float = 5.0) -> list[int]:
    """The processes of a session still running after up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while live_processes(session_id) and time.monotonic() < deadline:
        time.sleep(0.05)
    return live_processes(session_id)


def tree_snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under root with its size and mtime: equal snapshots mean nothing was touched."""
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def started_sessions() -> list[int]:
    return list(_sessions)
