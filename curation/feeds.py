"""Personal feed tokens: when sign-in is required, a feed URL carries one so feed readers keep working.

Only the token's SHA-256 is stored; a user can make a new one (which revokes the old) or revoke it.
"""

from __future__ import annotations

import hashlib
import secrets

from curation import audit
from curation.db import Database


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(db: Database, user: str) -> str:
    """A fresh token for `user`, replacing any earlier one."""
    token = secrets.token_urlsafe(24)
    with db.connect() as conn:
        conn.execute("DELETE FROM feed_tokens WHERE user = ?", (user,))
        conn.execute("INSERT INTO feed_tokens VALUES (?, ?, ?)", (_hash(token), user, audit.now_iso()))
    audit.record(db, user, "feed-token", user, after={"state": "new"})
    return token


def revoke(db: Database, user: str) -> None:
    with db.connect() as conn:
        conn.execute("DELETE FROM feed_tokens WHERE user = ?", (user,))
    audit.record(db, user, "feed-token", user, after={"state": "revoked"})


def has_token(db: Database, user: str) -> bool:
    with db.connect() as conn:
        return conn.execute("SELECT 1 FROM feed_tokens WHERE user = ?", (user,)).fetchone() is not None


def user_for_token(db: Database, token: str) -> str | None:
    if not token or len(token) > 100:
        return None
    with db.connect() as conn:
        row = conn.execute(
            "SELECT f.user FROM feed_tokens f JOIN users u ON u.name = f.user WHERE f.token_hash = ?", (_hash(token),)
        ).fetchone()
    return row["user"] if row else None
