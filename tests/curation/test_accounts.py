"""Accounts, passwords, sessions and the lockout, against a real database in a temporary data folder."""

from __future__ import annotations

import time

import pytest

from curation import accounts, audit, sessions
from curation.db import Database
from curation.passwords import WeakPassword

PASSWORD = "kattekilling-42"


@pytest.fixture
def db(tmp_path):
    return Database(tmp_path / "data")


def test_passwords_are_stored_hashed_with_argon2id(db):
    accounts.add_user(db, "anne", "coordinator", PASSWORD)
    with db.connect() as conn:
        stored = conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert (db.path.stat().st_mode & 0o777) == 0o600


def test_sign_in_with_the_right_password_only(db):
    accounts.add_user(db, "anne", "coordinator", PASSWORD)
    assert accounts.authenticate(db, "anne", PASSWORD, "10.0.0.1").name == "anne"
    assert accounts.authenticate(db, "anne", PASSWORD + "x", "10.0.0.1") is None
    assert accounts.authenticate(db, "ukendt", PASSWORD, "10.0.0.1") is None
    assert [e["action"] for e in audit.entries(db)] == ["user-add", "sign-in", "sign-in-failed", "sign-in-failed"]


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(db):
    accounts.add_user(db, "anne", "coordinator", PASSWORD)
    policy = accounts.LockoutPolicy(account_limit=3, client_limit=100, window_seconds=600)
    for _ in range(3):
        assert accounts.authenticate(db, "anne", "forkert", "10.0.0.1", policy=policy) is None
    with pytest.raises(accounts.LockedOut) as locked:
        accounts.authenticate(db, "anne", PASSWORD, "10.0.0.2", policy=policy)
    assert 0 < locked.value.seconds <= 600
    def after_the_window():
        return time.time() + 601

    assert accounts.authenticate(db, "anne", PASSWORD, "10.0.0.2", policy=policy, clock=after_the_window).name == "anne"


def test_one_client_trying_many_accounts_is_locked(db):
    policy = accounts.LockoutPolicy(account_limit=100, client_limit=4, window_seconds=600)
    for number in range(4):
        accounts.authenticate(db, f"bruger{number}", "forkert", "10.9.9.9", policy=policy)
    with pytest.raises(accounts.LockedOut):
        accounts.authenticate(db, "bruger9", "forkert", "10.9.9.9", policy=policy)
    assert accounts.authenticate(db, "bruger9", "forkert", "10.1.1.1", policy=policy) is None


def test_bad_names_roles_and_short_passwords_are_refused(db):
    with pytest.raises(accounts.AccountError):
        accounts.add_user(db, "Anne Hansen", "coordinator", PASSWORD)
    with pytest.raises(accounts.AccountError):
        accounts.add_user(db, "anne", "superuser", PASSWORD)
    with pytest.raises(WeakPassword):
        accounts.add_user(db, "anne", "coordinator", "kort")
    accounts.add_user(db, "anne", "coordinator", PASSWORD)
    with pytest.raises(accounts.AccountError):
        accounts.add_user(db, "anne", "admin", PASSWORD)


def test_a_new_password_or_removal_ends_the_sessions(db):
    accounts.add_user(db, "anne", "coordinator", PASSWORD)
    token = sessions.new_token()
    sessions.save(db, token, {"user": "anne", "csrf": "x"})
    assert sessions.load(db, token)["user"] == "anne"
    accounts.set_password(db, "anne", PASSWORD + "!")
    assert sessions.load(db, token) is None
    sessions.save(db, token, {"user": "anne"})
    accounts.remove_user(db, "anne")
    assert sessions.load(db, token) is None


def test_sessions_expire_when_idle(db):
    token = sessions.new_token()
    sessions.save(db, token, {"user": None, "csrf": "x"}, clock=lambda: 1000.0)
    limits = sessions.SessionLimits(idle=60, lifetime=3600)
    assert sessions.load(db, token, limits, clock=lambda: 1050.0) is not None
    assert sessions.load(db, token, limits, clock=lambda: 1200.0) is None
    with db.connect() as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0
