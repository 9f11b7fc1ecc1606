"""Accounts (coordinator, admin) and sign-in with lockout after repeated failures.

A failed sign-in is counted against the account and against the client address; either count
reaching its limit within the window locks that key until the window has passed.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from curation import audit
from curation.db import Database
from curation.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password

ROLES = ("coordinator", "admin")
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


class AccountError(ValueError):
    """A bad account name or role, an unknown or existing account."""


def no_account(name: str) -> str:
    return f"der findes ingen konto ved navn {name!r}"


def account_exists(name: str) -> str:
    return f"kontoen {name!r} findes allerede"


@dataclass(frozen=True)
class User:
    name: str
    role: str
    created: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class LockoutPolicy:
    account_limit: int = 5   # failures per account within the window
    client_limit: int = 20   # failures per client address within the window
    window_seconds: int = 900


class LockedOut(Exception):
    """Too many failed sign-ins for this account or client; `seconds` until the next try."""

    def __init__(self, seconds: int):
        super().__init__(seconds)
        self.seconds = seconds


def check_name(name: str) -> str:
    if not _NAME.match(name or ""):
        raise AccountError(
            f"ugyldigt kontonavn {name!r}: 2-64 tegn, små bogstaver, cifre, '.', '_' eller '-'"
        )
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"ukendt rolle {role!r}: brug {' eller '.join(ROLES)}")
    return role


def get_user(db: Database, name: str) -> User | None:
    with db.connect() as conn:
        row = conn.execute("SELECT name, role, created FROM users WHERE name = ?", (name,)).fetchone()
    return User(row["name"], row["role"], row["created"]) if row else None


def list_users(db: Database) -> list[User]:
    with db.connect() as conn:
        rows = conn.execute("SELECT name, role, created FROM users ORDER BY name").fetchall()
    return [User(r["name"], r["role"], r["created"]) for r in rows]


def add_user(db: Database, name: str, role: str, password: str, by: str | None = None) -> User:
    check_name(name)
    check_role(role)
    password_hash = hash_password(password)
    created = audit.now_iso()
    with db.connect() as conn:
        if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise AccountError(account_exists(name))
        conn.execute("INSERT INTO users VALUES (?, ?, ?, ?)", (name, role, password_hash, created))
    audit.record(db, by, "user-add", name, after={"name": name, "role": role})
    return User(name, role, created)


def set_password(db: Database, name: str, password: str, by: str | None = None) -> None:
    password_hash = hash_password(password)
    with db.connect() as conn:
        changed = conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (password_hash, name)).rowcount
        if not changed:
            raise AccountError(no_account(name))
        # A new password ends every session the old one opened.
        conn.execute("DELETE FROM sessions WHERE user = ?", (name,))
    audit.record(db, by, "user-passwd", name)


def remove_user(db: Database, name: str, by: str | None = None) -> None:
    with db.connect() as conn:
        row = conn.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise AccountError(no_account(name))
        conn.execute("DELETE FROM users WHERE name = ?", (name,))
        conn.execute("DELETE FROM sessions WHERE user = ?", (name,))
        conn.execute("DELETE FROM feed_tokens WHERE user = ?", (name,))
    audit.record(db, by, "user-remove", name, before={"name": name, "role": row["role"]})


def authenticate(db: Database, name: str, password: str, client: str,
                 policy: LockoutPolicy = LockoutPolicy(), clock=time.time) -> User | None:
    """The user when name and password match; None when not (the failure is counted and audited).

    Raises LockedOut, without checking the password, while the account or the client is locked.
    """
    now = clock()
    keys = (f"user:{name}", f"client:{client}")
    _check_lock(db, keys, policy, now)
    with db.connect() as conn:
        row = conn.execute("SELECT name, role, created, password_hash FROM users WHERE name = ?", (name,)).fetchone()
    if not verify_password(row["password_hash"] if row else DUMMY_HASH, password) or row is None:
        with db.connect() as conn:
            conn.executemany("INSERT INTO login_failures VALUES (?, ?)", [(key, now) for key in keys])
        audit.record(db, None, "sign-in-failed", name, after={"client": client})
        return None
    with db.connect() as conn:
        conn.execute("DELETE FROM login_failures WHERE key = ?", (keys[0],))
        if needs_rehash(row["password_hash"]):
            conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (hash_password(password, check=False), name))
    audit.record(db, name, "sign-in", name, after={"client": client})
    return User(row["name"], row["role"], row["created"])


def _check_lock(db: Database, keys: tuple[str, str], policy: LockoutPolicy, now: float) -> None:
    since = now - policy.window_seconds
    with db.connect() as conn:
        conn.execute("DELETE FROM login_failures WHERE at < ?", (since,))
        for key, limit in zip(keys, (policy.account_limit, policy.client_limit)):
            rows = conn.execute(
                "SELECT at FROM login_failures WHERE key = ? AND at >= ? ORDER BY at", (key, since)
            ).fetchall()
            if len(rows) >= limit:
                oldest_counted = rows[len(rows) - limit]["at"]
                raise LockedOut(max(1, int(oldest_counted + policy.window_seconds - now)))
