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
from klimaviden.clickhelp import DanishCommand
from klimaviden.clicktext import Aborted, DanishGroup, UsageError
from klimaviden.config import resolve_settings
from klimaviden.terminal import error_line


data_option = click.option(
    "--data", "data_dir", type=click.Path(file_okay=False), metavar="MAPPE",
    help="Datamappen med konti og logbogen [miljøvariabel: KLIMAVIDEN_DATA; standard: ./var/data].",
)


def _database(data_dir) -> Database:
    return Database(resolve_settings(data=data_dir).data)


def _operator() -> str:
    """Who made a change from the command line, for the audit trail."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _password(password_stdin: bool, nothing_done: str) -> str:
    """The password from stdin, or typed twice at the prompt; `nothing_done` is said if the prompt is
    broken off (click's own "Aborted!" and "The two entered values do not match." are English)."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        while True:
            password = click.prompt("Adgangskode", hide_input=True)
            if click.prompt("Gentag adgangskoden", hide_input=True) == password:
                return password
            click.echo(error_line("de to adgangskoder er ikke ens; prøv igen"), err=True)
    except click.Abort as exc:
        raise Aborted(nothing_done) from exc


@click.group(cls=DanishGroup)
def users():
    """Administrér de konti, der må tilføje og rette materiale.

    Eksempel: klimaviden users add anne --role coordinator
    """


@users.command("add")
@click.argument("name", metavar="NAVN")
@click.option("--role", type=click.Choice(accounts.ROLES), required=True,
              help="coordinator: tilføjer og retter materiale; admin: administrerer også konti.")
@click.option("--password-stdin", is_flag=True, help="Læs adgangskoden fra første linje på stdin.")
@data_option
def add(name, role, password_stdin, data_dir):
    """Opret en konto (spørger om adgangskoden to gange).

    Eksempel: echo "$PASSWORD" | klimaviden users add anne --role coordinator --password-stdin
    """
    db = _database(data_dir)
    try:
        accounts.check_name(name)
        if accounts.get_user(db, name):
            raise accounts.AccountError(accounts.account_exists(name))
        password = _password(password_stdin, f"kontoen {name} er ikke oprettet.")
        user = accounts.add_user(db, name, role, password, by=_operator())
    except (accounts.AccountError, WeakPassword) as exc:
        raise UsageError(str(exc)) from exc
    click.echo(f"kontoen {user.name} ({user.role}) er oprettet")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="Skriv en JSON-liste med {name, role, created}.")
@data_option
def list_(as_json, data_dir):
    """Vis kontiene.

    Eksempel: klimaviden users list --json
    """
    found = accounts.list_users(_database(data_dir))
    if as_json:
        click.echo(json.dumps([{"name": u.name, "role": u.role, "created": u.created} for u in found]))
    else:
        for user in found:
            click.echo(f"{user.name}\t{user.role}\t{user.created}")


@users.command("passwd")
@click.argument("name", metavar="NAVN")
@click.option("--password-stdin", is_flag=True, help="Læs adgangskoden fra første linje på stdin.")
@data_option
def passwd(name, password_stdin, data_dir):
    """Sæt en ny adgangskode (kontoen bliver logget ud overalt).

    Eksempel: klimaviden users passwd anne
    """
    db = _database(data_dir)
    if accounts.get_user(db, name) is None:
        raise UsageError(accounts.no_account(name))
    try:
        password = _password(password_stdin, f"adgangskoden for {name} er ikke ændret.")
        accounts.set_password(db, name, password, by=_operator())
    except (accounts.AccountError, WeakPassword) as exc:
        raise UsageError(str(exc)) from exc
    click.echo(f"adgangskoden for {name} er ændret")


@users.command("remove")
@click.argument("name", metavar="NAVN")
@data_option
def remove(name, data_dir):
    """Fjern en konto og log den ud overalt.

    Eksempel: klimaviden users remove anne
    """
    try:
        accounts.remove_user(_database(data_dir), name, by=_operator())
    except accounts.AccountError as exc:
        raise UsageError(str(exc)) from exc
    click.echo(f"kontoen {name} er fjernet")


@click.command("audit", cls=DanishCommand)
@click.option("--json", "as_json", is_flag=True,
              help='Skriv en JSON-liste med {"at", "user", "action", "target", "before", "after"}.')
@click.option("--limit", type=click.IntRange(1), metavar="N", help="Vis kun de N nyeste linjer.")
@data_option
def audit_command(as_json, limit, data_dir):
    """Vis logbogen over logins og ændringer.

    Logbogen viser logins, uploads, rettelser, fjernelser, gendannelser og ændringer af konti.

    Eksempel: klimaviden audit --json --limit 100
    """
    rows = audit.entries(_database(data_dir), limit=limit)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
    else:
        for row in rows:
            click.echo(f"{row['at']}\t{row['user'] or '-'}\t{row['action']}\t{row['target'] or ''}")


@click.group("trash", cls=DanishGroup)
def trash_command():
    """Papirkurven med fjernede filer (.papirkurv/).

    Fjernede filer ligger i korpussets .papirkurv/ og kan gendannes, indtil de slettes for altid.

    Eksempel: klimaviden trash purge --corpus /srv/klimaviden/corpus
    """


@trash_command.command("purge")
@click.option(
    "--corpus", type=click.Path(file_okay=False), metavar="MAPPE",
    help="Korpusmappen [miljøvariabel: KLIMAVIDEN_CORPUS; standard: ./corpus].",
)
@click.option(
    "--days", type=click.IntRange(0), metavar="DAGE",
    help="Antal dage, fjernede filer bliver liggende i papirkurven [miljøvariabel: KLIMAVIDEN_TRASH_DAYS; standard: 90].",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv de slettede filer som én JSON-liste.")
@data_option
def purge(corpus, days, as_json, data_dir):
    """Tøm papirkurven for filer, der er ældre end opbevaringstiden.

    Filerne slettes for altid, og hver sletning skrives i logbogen.

    Eksempel: klimaviden trash purge --days 90 --json
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
