"""Reindex jobs after a coordinator's change: `klimaviden reindex --json` as its own process.

The web worker only starts a thread that waits for the child; the work happens in the child, which
takes the same lock as cron. While another run holds it (exit 75) the job waits and tries again.
Each job's state lives in the data folder's database, so any worker can answer a status poll.
"""

from __future__ import annotations

import json
import logging
import secrets
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from curation.db import Database
from klimaviden.exit_codes import LOCKED

logger = logging.getLogger(__name__)
STATES = ("queued", "waiting", "running", "done", "failed")


@dataclass(frozen=True)
class JobSettings:
    corpus: Path
    index: Path
    retry_seconds: float = 2.0
    give_up_seconds: float = 3600.0


def reindex_command(settings: JobSettings) -> list[str]:
    return [sys.executable, "-m", "klimaviden", "reindex", "--json", "--quiet",
            "--corpus", str(settings.corpus), "--index", str(settings.index)]


def create(db: Database, user: str | None, paths: list[str]) -> str:
    job_id = secrets.token_hex(8)
    now = time.time()
    with db.connect() as conn:
        conn.execute("INSERT INTO jobs VALUES (?, ?, 'queued', ?, NULL, ?, ?)",
                     (job_id, user, json.dumps(paths, ensure_ascii=False), now, now))
    return job_id


def get(db: Database, job_id: str) -> dict | None:
    with db.connect() as conn:
        row = conn.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
    if row is None:
        return None
    return {"id": row["id"], "user": row["user"], "state": row["state"], "paths": json.loads(row["paths"]),
            "result": json.loads(row["result"]) if row["result"] else None}


def _set(db: Database, job_id: str, state: str, result: dict | None = None) -> None:
    with db.connect() as conn:
        conn.execute("UPDATE jobs SET state = ?, result = COALESCE(?, result), updated = ? WHERE id = ?",
                     (state, json.dumps(result, ensure_ascii=False) if result else None, time.time(), job_id))


def run(db: Database, job_id: str, settings: JobSettings) -> dict:
    """Runs the reindex until it is not locked out; records and returns its outcome."""
    started = time.monotonic()
    while True:
        _set(db, job_id, "running")
        completed = subprocess.run(reindex_command(settings), capture_output=True, text=True, check=False)
        outcome = _outcome(completed)
        if completed.returncode != LOCKED:
            break
        if time.monotonic() - started > settings.give_up_seconds:
            break
        _set(db, job_id, "waiting", outcome)
        time.sleep(settings.retry_seconds)
    state = "done" if completed.returncode in (0, 1) else "failed"
    _set(db, job_id, state, outcome)
    return outcome


def _outcome(completed: subprocess.CompletedProcess) -> dict:
    try:
        outcome = json.loads(completed.stdout.strip().splitlines()[-1])
    except (IndexError, json.JSONDecodeError):
        outcome = {"error": (completed.stderr or "").strip()[-500:] or "reindex printed no result"}
    outcome["exit_code"] = completed.returncode
    return outcome


def _run_guarded(db: Database, job_id: str, settings: JobSettings) -> None:
    try:
        run(db, job_id, settings)
    except Exception as exc:  # the page must not poll a job that can never finish
        logger.exception("reindex job %s failed", job_id)
        _set(db, job_id, "failed", {"error": f"{type(exc).__name__}: {exc}"})


def start(db: Database, job_id: str, settings: JobSettings) -> threading.Thread:
    """Runs the job in a background thread of this process (which only waits for the child)."""
    thread = threading.Thread(target=_run_guarded, args=(db, job_id, settings), name=f"reindex-{job_id}", daemon=True)
    thread.start()
    return thread
