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
        @click.option("--verbose", "-v", is_flag=True, help="Log every step (debug level).")
        @click.option("--quiet", "-q", is_flag=True, help="Log errors only.")
        @functools.wraps(command)
        def wrapper(*args, verbose: bool, quiet: bool, **kwargs):
            configure_logging(verbose=verbose, quiet=quiet)
            settings = resolve_settings(kwargs.pop("corpus", None), kwargs.pop("index", None))
            if needs_corpus and checks_corpus and not settings.corpus.is_dir():
                raise UsageError(corpus_missing(settings.corpus))
            return command(*args, settings=settings, quiet=quiet, **kwargs)

        if needs_index:
            wrapper = click.option(
                "--index", type=click.Path(file_okay=False), help="Index folder [env KLIMAVIDEN_INDEX; default ./var/index]."
            )(wrapper)
        if needs_corpus:
            wrapper = click.option(
                "--corpus", type=click.Path(file_okay=False), help="Corpus folder [env KLIMAVIDEN_CORPUS; default ./corpus]."
            )(wrapper)
        return wrapper

    return decorate


def ocr_options(command):
    """--data/--no-ocr (overriding KLIMAVIDEN_DATA/KLIMAVIDEN_OCR) for commands that read files: they
    reach the command as ``extract_options`` (ingest.options.ExtractOptions)."""

    @click.option("--no-ocr", "no_ocr", is_flag=True, help="Do not read scanned PDF pages with OCR [env KLIMAVIDEN_OCR=0].")
    @click.option(
        "--data", type=click.Path(file_okay=False), help="Data folder, e.g. the OCR cache [env KLIMAVIDEN_DATA; default ./var/data]."
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
@click.version_option(package_name="klimaviden")
def main():
    """klimaviden: search the Danish municipalities' climate-policy network's material.

    Example: klimaviden reindex && klimaviden search "skybrud"
    """


@main.command()
@click.option("--full", is_flag=True, help="Rebuild from scratch beside the live index, then swap it in.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object on stdout, whatever the exit code.")
@click.option("--workers", type=click.IntRange(1, 64), help="Parser processes [default: CPU count].")
@click.option(
    "--allow-mass-delete", is_flag=True,
    help="Let the run remove more than half of the indexed documents (refused otherwise, exit 3).",
)
@common_options(checks_corpus=False)
@ocr_options
def reindex(settings, quiet, full, dry_run, as_json, workers, allow_mass_delete, extract_options):
    """Index the corpus: new files added, changed updated, vanished deleted.

    Safe to re-run from cron. A damaged index is rebuilt by itself. Exit codes: 0 all good,
    1 some files failed (the rest is indexed), 2 usage or configuration error, 3 refused: the run
    would remove more than half of the index (the corpus looks empty or unmounted; nothing
    touched), 74 the index could not be written (disk full, read-only), 75 another reindex is
    running.

    Example: klimaviden reindex --corpus /srv/klimaviden/corpus --json
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
@click.argument("query", required=False, default="")
@click.option("--theme", help="Theme slug, e.g. erhvervspartnerskaber-og-sektorkobling.")
@click.option("--topic", multiple=True, help="DK2020 topic slug; repeat for any of several.")
@click.option("--type", "doc_type", help="announcement, news, presentation, report, case, minutes, notes or other.")
@click.option("--org", help="Organisation name, e.g. 'Dansk Industri'.")
@click.option("--presenter", help="Presenter's name, e.g. 'Lone Vestergaard Holm'.")
@click.option("--from", "date_from", help="Earliest date (YYYY-MM-DD), inclusive.")
@click.option("--to", "date_to", help="Latest date (YYYY-MM-DD), inclusive.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True)
@click.option("--limit", type=int, default=10, show_default=True, help="Results per page (1-100).")
@click.option("--page", type=int, default=1, show_default=True, help="Page number, from 1.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
@common_options()
def search(settings, quiet, query, theme, topic, doc_type, org, presenter, date_from, date_to, sort, limit, page,
           as_json):
    """Search the index; the same search the web app runs.

    Example: klimaviden search "skybrud" --topic klimatilpasning --from 2021-01-01 --json
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
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@common_options(needs_index=False)
@ocr_options
def show(settings, quiet, path, as_json, extract_options):
    """Show what klimaviden understands from one file, without indexing it.

    A file inside the corpus inherits its meeting's metadata and sidecar.

    Example: klimaviden show corpus/2021-04-29-erhvervspartnerskaber/invitation.html --json
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
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@common_options()
def stats(settings, quiet, as_json):
    """Print document, passage and per-topic counts, index size, last reindex and its failures.

    Example: klimaviden stats --index /srv/klimaviden/index
    """
    figures = open_service(settings).stats()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False))
    else:
        click.echo(format_stats(figures))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--data", type=click.Path(file_okay=False),
    help="Data folder: page images, accounts, the audit trail [env KLIMAVIDEN_DATA; default ./var/data].",
)
@common_options()
def serve(settings, quiet, host, port, data):
    """Serve the web app for development (production: gunicorn 'webapp:create_app()').

    Example: klimaviden serve --port 8000
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
