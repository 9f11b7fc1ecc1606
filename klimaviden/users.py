"""`klimaviden users ...`, `klimaviden audit` and `klimaviden trash purge`: accounts, the audit trail
and the trash's retention, from the command line (cron)."""

from __future__ import annotations

import getpass
import json
import os
import sys

import click

from curation import accounts, audit, trash
from curation.db import Database
from curation.passwords import WeakPassword
from ingest.messages import corpus_missing
from klimaviden.clicktext import UsageError
from klimaviden.config import resolve_settings


data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False),
    help="Data folder with accounts and the audit trail [env KLIMAVIDEN_DATA; default ./var/data].",
)


def _database(data_dir) -> Database:
    return Database(resolve_settings(data=data_dir).data)


def _operator() -> str:
    """Who made a change from the command line, for the audit trail."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Adgangskode", hide_input=True, confirmation_prompt="Gentag adgangskoden")


@click.group()
def users():
    """Manage the accounts that may add and correct material.

    Example: klimaviden users add anne --role coordinator
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True,
              help="coordinator: adds and corrects material; admin: also manages accounts.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@data_option
def add(name, role, password_stdin, data_dir):
    """Create an account (asks for the password twice).

    Example: echo "$PASSWORD" | klimaviden users add anne --role coordinator --password-stdin
    """
    db = _database(data_dir)
    try:
        accounts.check_name(name)
        if accounts.get_user(db, name):
            raise accounts.AccountError(accounts.account_exists(name))
        user = accounts.add_user(db, name, role, _password(password_stdin), by=_operator())
    except (accounts.AccountError, WeakPassword) as exc:
        raise UsageError(str(exc)) from exc
    click.echo(f"kontoen {user.name} ({user.role}) er oprettet")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {name, role, created}.")
@data_option
def list_(as_json, data_dir):
    """List the accounts.

    Example: klimaviden users list --json
    """
    found = accounts.list_users(_database(data_dir))
    if as_json:
        click.echo(json.dumps([{"name": u.name, "role": u.role, "created": u.created} for u in found]))
    else:
        for user in found:
            click.echo(f"{user.name}\t{user.role}\t{user.created}")


@users.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@data_option
def passwd(name, password_stdin, data_dir):
    """Set a new password (ends the account's sessions).

    Example: klimaviden users passwd anne
    """
    db = _database(data_dir)
    if accounts.get_user(db, name) is None:
        raise UsageError(accounts.no_account(name))
    try:
        accounts.set_password(db, name, _password(password_stdin), by=_operator())
    except (accounts.AccountError, WeakPassword) as exc:
        raise UsageError(str(exc)) from exc
    click.echo(f"adgangskoden for {name} er ændret")


@users.command("remove")
@click.argument("name")
@data_option
def remove(name, data_dir):
    """Remove an account and end its sessions.

    Example: klimaviden users remove anne
    """
    try:
        accounts.remove_user(_database(data_dir), name, by=_operator())
    except accounts.AccountError as exc:
        raise UsageError(str(exc)) from exc
    click.echo(f"kontoen {name} er fjernet")


@click.command("audit")
@click.option("--json", "as_json", is_flag=True,
              help='Print a JSON list of {"at", "user", "action", "target", "before", "after"}.')
@click.option("--limit", type=click.IntRange(1), help="Only the newest N rows.")
@data_option
def audit_command(as_json, limit, data_dir):
    """Print the audit trail: sign-ins, uploads, edits, removals, restores, account changes.

    Example: klimaviden audit --json --limit 100
    """
    rows = audit.entries(_database(data_dir), limit=limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
    else:
        for row in rows:
            click.echo(f"{row['at']}\t{row['user'] or '-'}\t{row['action']}\t{row['target'] or ''}")


@click.group("trash")
def trash_command():
    """The corpus's trash (.papirkurv/), where removed files wait to be restored.

    Example: klimaviden trash purge --corpus /srv/klimaviden/corpus
    """


@trash_command.command("purge")
@click.option("--corpus", type=click.Path(file_okay=False), help="Corpus folder [env KLIMAVIDEN_CORPUS; default ./corpus].")
@click.option("--days", type=click.IntRange(0), help="Keep removed files this many days [env KLIMAVIDEN_TRASH_DAYS; default 90].")
@click.option("--json", "as_json", is_flag=True, help="Print the deleted entries as one JSON list.")
@data_option
def purge(corpus, days, as_json, data_dir):
    """Delete for good what has been in the trash longer than the retention time (audited).

    Example: klimaviden trash purge --days 90 --json
    """
    settings = resolve_settings(corpus, data=data_dir)
    if not settings.corpus.is_dir():
        raise UsageError(corpus_missing(settings.corpus))
    if days is None:
        days = trash.retention_days(os.environ)
    gone = trash.purge(settings.corpus, days)
    database = _database(data_dir)
    for entry in gone:
        audit.record(database, _operator(), "purge", entry.relpath, before=entry.as_dict())
    if as_json:
        click.echo(json.dumps([entry.as_dict() for entry in gone], ensure_ascii=False))
    else:
        for entry in gone:
            click.echo(f"slettet: {entry.relpath}")
