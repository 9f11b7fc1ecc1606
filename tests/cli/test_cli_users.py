"""`klimaviden users` and `klimaviden audit`: accounts on the command line and the audit trail as JSON."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from klimaviden.cli import main

PASSWORD = "solceller-paa-taget"


@pytest.fixture
def run(tmp_path):
    data = tmp_path / "data"

    def invoke(*args, stdin=None):
        return CliRunner().invoke(main, [*args, "--data", str(data)], input=stdin)

    return invoke


def test_add_list_passwd_remove_and_their_audit_rows(run):
    assert run("users", "add", "anne", "--role", "coordinator", "--password-stdin", stdin=PASSWORD + "\n").exit_code == 0
    added = run("users", "add", "bo", "--role", "admin", stdin=f"{PASSWORD}\n{PASSWORD}\n")  # asked twice
    assert added.exit_code == 0, added.output
    listed = json.loads(run("users", "list", "--json").output)
    assert [(u["name"], u["role"]) for u in listed] == [("anne", "coordinator"), ("bo", "admin")]
    assert run("users", "passwd", "anne", "--password-stdin", stdin=PASSWORD + "2\n").exit_code == 0
    assert run("users", "remove", "anne").exit_code == 0
    rows = json.loads(run("audit", "--json").output)
    assert [(r["action"], r["target"]) for r in rows] == [
        ("user-add", "anne"), ("user-add", "bo"), ("user-passwd", "anne"), ("user-remove", "anne")]
    assert set(rows[0]) == {"at", "user", "action", "target", "before", "after"}
    assert rows[0]["user"].startswith("cli") and PASSWORD not in json.dumps(rows)


@pytest.mark.parametrize("args, stdin", [
    (("users", "add", "anne", "--role", "superbruger", "--password-stdin"), PASSWORD),
    (("users", "add", "Anne Hansen", "--role", "admin", "--password-stdin"), PASSWORD),
    (("users", "add", "anne", "--role", "admin", "--password-stdin"), "kort"),
    (("users", "passwd", "ingen", "--password-stdin"), PASSWORD),
    (("users", "remove", "ingen"), None),
])
def test_usage_errors_exit_2(run, args, stdin):
    result = run(*args, stdin=stdin)
    assert result.exit_code == 2, result.output


def test_an_existing_account_is_not_replaced(run):
    run("users", "add", "anne", "--role", "coordinator", "--password-stdin", stdin=PASSWORD)
    result = run("users", "add", "anne", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    assert result.exit_code == 2 and "kontoen 'anne' findes allerede" in result.output
    assert json.loads(run("users", "list", "--json").output)[0]["role"] == "coordinator"


def test_two_different_passwords_at_the_prompt_are_told_in_danish_and_asked_again(run):
    result = run("users", "add", "bo", "--role", "admin", stdin=f"{PASSWORD}\nsolceller-paa-taget!\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Fejl: de to adgangskoder er ikke ens; prøv igen" in result.stderr
    assert "do not match" not in result.output
    assert "kontoen bo (admin) er oprettet" in result.stdout


def test_a_prompt_broken_off_creates_nothing_and_says_so_in_danish(run):
    result = run("users", "add", "bo", "--role", "admin", stdin=f"{PASSWORD}\n")  # the repeat never comes
    assert result.exit_code == 1
    assert "Aborted" not in result.output
    assert "Afbrudt: kontoen bo er ikke oprettet." in result.stderr
    assert json.loads(run("users", "list", "--json").output) == []
