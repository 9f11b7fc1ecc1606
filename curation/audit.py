"""The audit trail: one row per change (sign-in, upload, edit, removal, restore, account change)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from curation.db import Database

ACTIONS = (
    "sign-in", "sign-in-failed", "sign-out", "upload", "meeting-create", "meeting-edit", "edit",
    "remove", "restore", "delete", "purge", "user-add", "user-passwd", "user-remove", "feed-token",
)


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def record(db: Database, user: str | None, action: str, target: str | None = None,
           before=None, after=None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    with db.connect() as conn:
        conn.execute(
            "INSERT INTO audit (at, user, action, target, before, after) VALUES (?, ?, ?, ?, ?, ?)",
            (now_iso(), user, action, target, _dump(before), _dump(after)),
        )


def entries(db: Database, limit: int | None = None) -> list[dict]:
    """The audit rows, oldest first: {"at", "user", "action", "target", "before", "after"}."""
    sql = "SELECT at, user, action, target, before, after FROM audit ORDER BY id"
    if limit:
        sql = "SELECT at, user, action, target, before, after FROM audit ORDER BY id DESC LIMIT ?"
    with db.connect() as conn:
        rows = conn.execute(sql, (int(limit),) if limit else ()).fetchall()
    result = [
        {"at": r["at"], "user": r["user"], "action": r["action"], "target": r["target"],
         "before": _load(r["before"]), "after": _load(r["after"])}
        for r in rows
    ]
    return result[::-1] if limit else result


def _dump(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _load(text: str | None):
    return None if text is None else json.loads(text)
