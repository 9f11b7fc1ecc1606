"""The `klimaviden` command: thin click wrappers over ingest/, index/ and webapp/.

Exit codes: 0 success; 1 reindex finished but some files failed; 2 usage or configuration error
(a damaged index too: the cure is a plain reindex); 3 reindex refused to remove most of the index;
74 reindex stopped by a file system error (disk full, read-only; the index keeps its last committed
state); 75 another reindex holds the lock (nothing touched).
"""

from __future__ import annotations

import functools
import json
import socket
import sys
from pathlib import Path

import click

from ingest.messages import corpus_missing
from klimaviden import exit_codes
from klimaviden.clickhelp import VERSION_OPTION_TEXT
from klimaviden.clicktext import DanishGroup, UsageError
from klimaviden.config import resolve_settings
from klimaviden.logs import configure_logging
from klimaviden.progress import terminal_progress
from klimaviden.terminal import (
    error_line,
    format_document,
    format_failure,
    format_reindex_summary,
    format_results,
    format_stats,
    serving_line,
)
from klimaviden.users import audit_command, trash_command, users


def common_options(needs_corpus: bool = True, needs_index: bool = True, checks_corpus: bool = True):
    """--corpus/--index (overriding KLIMAVIDEN_CORPUS/KLIMAVIDEN_INDEX) and --verbose/--quiet.
    checks_corpus=False leaves a missing corpus folder to the command (to report it its own way)."""

    def decorate(command):
        @click.option("--verbose", "-v", is_flag=True, help="Log hvert trin (debug-niveau).")
        @click.option("--quiet", "-q", is_flag=True, help="Log kun fejl.")
        @functools.wraps(command)
        def wrapper(*args, verbose: bool, quiet: bool, **kwargs):
            configure_logging(verbose=verbose, quiet=quiet)
            settings = resolve_settings(kwargs.pop("corpus", None), kwargs.pop("index", None))
            if needs_corpus and checks_corpus and not settings.corpus.is_dir():
                raise UsageError(corpus_missing(settings.corpus))
            return command(*args, settings=settings, quiet=quiet, **kwargs)

        if needs_index:
            wrapper = click.option(
                "--index", type=click.Path(file_okay=False), metavar="MAPPE",
                help="Indeksmappen [miljøvariabel: KLIMAVIDEN_INDEX; standard: ./var/index].",
            )(wrapper)
        if needs_corpus:
            wrapper = click.option(
                "--corpus", type=click.Path(file_okay=False), metavar="MAPPE",
                help="Korpusmappen [miljøvariabel: KLIMAVIDEN_CORPUS; standard: ./corpus].",
            )(wrapper)
        return wrapper

    return decorate


def ocr_options(command):
    """--data/--no-ocr (overriding KLIMAVIDEN_DATA/KLIMAVIDEN_OCR) for commands that read files: they
    reach the command as ``extract_options`` (ingest.options.ExtractOptions)."""

    @click.option(
        "--no-ocr", "no_ocr", is_flag=True,
        help="Læs ikke scannede PDF-sider med OCR [miljøvariabel: KLIMAVIDEN_OCR=0].",
    )
    @click.option(
        "--data", type=click.Path(file_okay=False), metavar="MAPPE",
        help="Datamappen, bl.a. med OCR-cachen [miljøvariabel: KLIMAVIDEN_DATA; standard: ./var/data].",
    )
    @functools.wraps(command)
    def wrapper(*args, data, no_ocr: bool, **kwargs):
        from ingest.options import ExtractOptions

        settings = resolve_settings(data=data, ocr=False if no_ocr else None)
        return command(*args, extract_options=ExtractOptions.from_settings(settings), **kwargs)

    return wrapper


def open_service(settings):
    from index.errors import ConfigError, IndexDamaged, IndexMissing
    from index.service import SearchService

    service = SearchService(settings.index, settings.corpus)
    try:
        service.health()
    except IndexMissing as exc:
        raise UsageError(f"{exc}: kør `klimaviden reindex` først") from exc
    except IndexDamaged as exc:
        raise UsageError(
            f"{exc}. Kør `klimaviden reindex`: "
            "det bygger indekset op igen af sig selv"
        ) from exc
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    return service


@click.group(cls=DanishGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="klimaviden", help=VERSION_OPTION_TEXT, message="%(prog)s, version %(version)s")
def main():
    """klimaviden: søg i materialet fra kommunernes netværk for klimapolitik.

    Eksempel: klimaviden reindex && klimaviden search "skybrud"
    """


@main.command()
@click.option("--full", is_flag=True, help="Byg et helt nyt indeks ved siden af det gamle, og skift så over til det.")
@click.option("--dry-run", is_flag=True, help="Vis hvad der ville blive ændret, uden at skrive noget.")
@click.option("--json", "as_json", is_flag=True, help="Skriv præcis ét JSON-objekt på stdout, uanset afslutningskoden.")
@click.option(
    "--workers", type=click.IntRange(1, 64), metavar="ANTAL",
    help="Antal processer, der læser filerne (standard: én pr. CPU-kerne).",
)
@click.option(
    "--allow-mass-delete", is_flag=True,
    help="Tillad at kørslen fjerner mere end halvdelen af de indekserede dokumenter "
    "(ellers afvises den med afslutningskode 3).",
)
@common_options(checks_corpus=False)
@ocr_options
def reindex(settings, quiet, full, dry_run, as_json, workers, allow_mass_delete, extract_options):
    """Indeksér korpusset: nye, ændrede og forsvundne filer.

    Nye filer tilføjes, ændrede opdateres, og forsvundne slettes fra indekset. Kan trygt køres igen og
    igen fra cron. Et beskadiget indeks bygges op igen af sig selv.
    Afslutningskoder: 0 alt gik godt, 1 nogle filer kunne ikke læses (resten er indekseret),
    2 forkert brug eller fejl i opsætningen, 3 afvist: kørslen ville fjerne mere end halvdelen af
    indekset (korpusset ser tomt ud eller er ikke monteret; intet er rørt), 74 indekset kunne ikke
    skrives (disken er fuld eller skrivebeskyttet), 75 en anden indeksering er i gang.

    Eksempel: klimaviden reindex --corpus /srv/klimaviden/corpus --json
    """
    from reindex import reindex as run_reindex
    from reindex.outcome import run_outcome

    outcome = run_outcome(
        lambda: run_reindex(
            settings.corpus,
            settings.index,
            full=full,
            dry_run=dry_run,
            workers=workers,
            progress=terminal_progress("Indekserer", quiet=quiet or as_json),
            allow_mass_delete=allow_mass_delete,
            options=extract_options,
        )
    )
    if outcome.error:
        click.echo(error_line(outcome.error), err=True)
    if as_json:
        click.echo(json.dumps(outcome.as_dict(), ensure_ascii=False))
    elif not outcome.error:
        summary = outcome.summary
        for failure in summary["failed"]:
            click.echo(format_failure(failure), err=True)
        if not quiet:
            click.echo(format_reindex_summary(summary))
    if outcome.exit_code:
        sys.exit(outcome.exit_code)


@main.command()
@click.argument("query", required=False, default="", metavar="[SØGEORD]")
@click.option("--theme", metavar="SLUG", help="Mødetema, f.eks. erhvervspartnerskaber-og-sektorkobling.")
@click.option(
    "--topic", multiple=True, metavar="SLUG",
    help="DK2020-emne, f.eks. klimatilpasning; gentag tilvalget for at finde dokumenter med et af flere emner.",
)
@click.option(
    "--type", "doc_type", metavar="TYPE",
    help="Dokumenttype: announcement, news, presentation, report, case, minutes, notes eller other.",
)
@click.option("--org", metavar="NAVN", help="Organisationens navn, f.eks. 'Dansk Industri'.")
@click.option("--presenter", metavar="NAVN", help="Oplægsholderens navn, f.eks. 'Lone Vestergaard Holm'.")
@click.option("--from", "date_from", metavar="DATO", help="Fra og med denne dato (ÅÅÅÅ-MM-DD).")
@click.option("--to", "date_to", metavar="DATO", help="Til og med denne dato (ÅÅÅÅ-MM-DD).")
@click.option(
    "--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True,
    help="Sortér efter relevans (relevance) eller dato, nyeste først (date).",
)
@click.option("--limit", type=int, default=10, show_default=True, metavar="ANTAL", help="Antal resultater pr. side (1-100).")
@click.option("--page", type=int, default=1, show_default=True, metavar="SIDE", help="Sidenummer, fra 1.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som ét JSON-objekt.")
@common_options()
def search(settings, quiet, query, theme, topic, doc_type, org, presenter, date_from, date_to, sort, limit, page,
           as_json):
    """Søg i indekset, med samme søgning som webappen.

    Eksempel: klimaviden search "skybrud" --topic klimatilpasning --from 2021-01-01 --json
    """
    from index.errors import InvalidRequest
    from index.query import parse_search_params

    params = {
        "q": [query],
        "theme": [theme] if theme else [],
        "topic": list(topic),
        "type": [doc_type] if doc_type else [],
        "org": [org] if org else [],
        "presenter": [presenter] if presenter else [],
        "from": [date_from] if date_from else [],
        "to": [date_to] if date_to else [],
        "sort": [sort],
        "page": [str(page)],
        "per_page": [str(limit)],
    }
    service = open_service(settings)
    try:
        request = parse_search_params(params, valid_topics=[topic["slug"] for topic in service.topics()])
        result = service.search(request)
    except InvalidRequest as exc:
        raise UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(format_results(result))


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False), metavar="FIL")
@click.option("--json", "as_json", is_flag=True, help="Skriv posten som JSON.")
@common_options(needs_index=False)
@ocr_options
def show(settings, quiet, path, as_json, extract_options):
    """Vis hvad klimaviden får ud af én fil, uden at indeksere den.

    En fil inde i korpusset arver sit mødes metadata og sin sidecar-fil.

    Eksempel: klimaviden show corpus/2021-04-29-erhvervspartnerskaber/invitation.html --json
    """
    from ingest.errors import ConfigError, IngestError
    from ingest.pipeline import extract_file

    corpus_root, relpath = corpus_relative(settings.corpus, Path(path))
    try:
        document = extract_file(corpus_root, relpath, options=extract_options)
    except IngestError as exc:
        click.echo(error_line(str(exc)), err=True)
        sys.exit(exit_codes.FAILED_FILES)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(document.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_document(document.as_dict()))


def corpus_relative(corpus: Path, path: Path) -> tuple[Path, str]:
    """The corpus root a file is read against and its relative path; a file outside the corpus stands alone."""
    resolved = path.resolve()
    root = corpus.resolve()
    if resolved.is_relative_to(root):
        return root, resolved.relative_to(root).as_posix()
    return resolved.parent, resolved.name


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Skriv tallene som JSON.")
@common_options()
def stats(settings, quiet, as_json):
    """Vis tal for indekset og den seneste indeksering.

    Antal dokumenter og tekstafsnit, dokumenter pr. DK2020-emne, indeksets størrelse, tidspunktet for
    seneste indeksering og de filer, den ikke kunne læse.

    Eksempel: klimaviden stats --index /srv/klimaviden/index
    """
    figures = open_service(settings).stats()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        click.echo(format_stats(figures))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADRESSE", help="Adressen, webappen lytter på.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), metavar="PORT",
    help="Porten, webappen lytter på.",
)
@click.option(
    "--data", type=click.Path(file_okay=False), metavar="MAPPE",
    help="Datamappen med sidebilleder, konti og logbogen [miljøvariabel: KLIMAVIDEN_DATA; standard: ./var/data].",
)
@common_options()
def serve(settings, quiet, host, port, data):
    """Kør webappen til udvikling.

    I drift køres den med gunicorn: gunicorn 'webapp:create_app()'.

    Eksempel: klimaviden serve --port 8000
    """
    from werkzeug.serving import make_server

    from webapp import create_app

    config = {
        "CORPUS_DIR": str(settings.corpus),
        "INDEX_DIR": str(settings.index),
        "DATA_DIR": str(resolve_settings(data=data).data),
    }
    try:
        app = create_app(config)
    except ValueError as exc:  # a data folder inside the index
        raise UsageError(str(exc)) from exc
    # Bind first, so a taken port is our own clear error (werkzeug would print English and exit 1)
    # and the URL is announced only once it answers.
    try:
        listening = socket.create_server((host, port))
    except OSError as exc:  # the port is taken, or the address is not this machine's
        raise UsageError(
            f"Klimaviden kan ikke lytte på {host}:{port} ({exc.strerror or exc}). Er porten optaget af et "
            f"andet program? Vælg en anden port med --port (med make: make run PORT=8001)."
        ) from exc
    with listening:
        server = make_server(host, port, app, threaded=True, fd=listening.fileno())
        click.echo(serving_line(f"http://{host}:{port}/"))
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("Klimaviden er stoppet.")
        finally:
            server.server_close()


main.add_command(users)
main.add_command(audit_command)
main.add_command(trash_command)
