"""Server-side sessions: the cookie holds a random token, the database its SHA-256 and the data.

A stolen database therefore holds no usable session. Sessions end after `idle` seconds without a
request or `lifetime` seconds after they began, whichever comes first.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass

from curation.db import Database


@dataclass(frozen=True)
class SessionLimits:
    idle: int = 8 * 3600
    lifetime: int = 7 * 24 * 3600


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def load(db: Database, token: str, limits: SessionLimits = SessionLimits(), clock=time.time) -> dict | None:
    """The data of a live session ({"user": ..., **data}), None when unknown or expired (then deleted)."""
    now = clock()
    with db.connect() as conn:
        row = conn.execute("SELECT user, data, created, seen FROM sessions WHERE id_hash = ?", (_hash(token),)).fetchone()
        if row is None:
            return None
        if now - row["seen"] > limits.idle or now - row["created"] > limits.lifetime:
            conn.execute("DELETE FROM sessions WHERE id_hash = ?", (_hash(token),))
            return None
        if now - row["seen"] > 60:  # touch at most once a minute
            conn.execute("UPDATE sessions SET seen = ? WHERE id_hash = ?", (now, _hash(token)))
    data = json.loads(row["data"])
    data["user"] = row["user"]
    return data


def save(db: Database, token: str, data: dict, clock=time.time) -> None:
    """Creates or replaces the session `token` with `data` (its "user" key names the account)."""
    now = clock()
    payload = {k: v for k, v in data.items() if k != "user"}
    with db.connect() as conn:
        row = conn.execute("SELECT created FROM sessions WHERE id_hash = ?", (_hash(token),)).fetchone()
        created = row["created"] if row else now
        conn.execute(
            "INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?)",
            (_hash(token), data.get("user"), json.dumps(payload), created, now),
        )


def delete(db: Database, token: str) -> None:
    with db.connect() as conn:
        conn.execute("DELETE FROM sessions WHERE id_hash = ?", (_hash(token),))


def purge_expired(db: Database, limits: SessionLimits = SessionLimits(), clock=time.time) -> int:
    now = clock()
    with db.connect() as conn:
        return conn.execute(
            "DELETE FROM sessions WHERE seen < ? OR created < ?", (now - limits.idle, now - limits.lifetime)
        ).rowcount
