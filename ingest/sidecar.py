"""Per-file sidecars NAME.meta.toml: facts a coordinator writes down that override extraction."""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ingest.document import DOCUMENT_TYPES, Presenter
from ingest.errors import IngestError
from ingest.messages import cannot_read
from ingest.taxonomy import TOPIC_SLUGS
from ingest.tomlfields import FieldError, check_keys, date_field, list_field, read_toml, table_list_field, text_field

SUFFIX = ".meta.toml"
_KEYS = {"title", "type", "published", "meeting_date", "themes", "organizations", "places", "presenters", "topics"}
PRESENTER_KEYS = {"name", "role", "organization"}


@dataclass(frozen=True)
class Sidecar:
    title: str | None = None
    type: str | None = None
    published: date | None = None
    meeting_date: date | None = None
    themes: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    presenters: tuple[Presenter, ...] = ()
    topics: tuple[str, ...] = ()  # topic slugs that replace the extracted topics


def sidecar_path(file_path: Path) -> Path:
    """corpus/x/rapport.pdf -> corpus/x/rapport.pdf.meta.toml"""
    return file_path.with_name(file_path.name + SUFFIX)


def load_sidecar(file_path: Path, relpath: str) -> Sidecar | None:
    """The sidecar of a file, None without one; raises IngestError(relpath, ...) when it is invalid."""
    path = sidecar_path(file_path)
    try:
        if not path.is_file() or path.is_symlink():
            return None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # no sidecar name fits beside a file name this long
            return None
        raise IngestError(relpath, cannot_read(f"sidecar-filen {path.name}", exc.strerror)) from exc
    try:
        return parse_sidecar(read_toml(path))
    except FieldError as exc:
        raise IngestError(relpath, f"sidecar-filen {path.name} er ugyldig: {exc}") from exc


def load_sidecar_or_none(file_path: Path, relpath: str) -> tuple[Sidecar | None, IngestError | None]:
    """The sidecar of a file and None; for an invalid sidecar, None and the error: the document is
    then built from what the file itself says, and the sidecar is reported (sidecar_failures)."""
    try:
        return load_sidecar(file_path, relpath), None
    except IngestError as exc:
        return None, exc


def sidecar_failures(files: Iterable[tuple[Path, str]]) -> list[dict]:
    """A failure ({"path": the sidecar, "error"}) for each invalid sidecar of these (file, relpath)."""
    failures = []
    for file_path, relpath in files:
        _, error = load_sidecar_or_none(file_path, relpath)
        if error is not None:
            failures.append({
                "path": relpath + SUFFIX,
                "error": f"{error.reason}; {relpath} kommer i søgningen uden sidecar-filens oplysninger",
            })
    return failures


def parse_sidecar(data: dict) -> Sidecar:
    check_keys(data, _KEYS)
    doc_type = text_field(data, "type")
    if doc_type is not None and doc_type not in DOCUMENT_TYPES:
        raise FieldError(f"type skal være en af {', '.join(DOCUMENT_TYPES)}, ikke {doc_type!r}")
    return Sidecar(
        title=text_field(data, "title"),
        type=doc_type,
        published=date_field(data, "published"),
        meeting_date=date_field(data, "meeting_date"),
        themes=list_field(data, "themes"),
        organizations=list_field(data, "organizations"),
        places=list_field(data, "places"),
        presenters=tuple(
            Presenter(t["name"], t.get("role"), t.get("organization"))
            for t in table_list_field(data, "presenters", PRESENTER_KEYS, "name")
        ),
        topics=_topics(data),
    )


def _topics(data: dict) -> tuple[str, ...]:
    slugs = list_field(data, "topics")
    unknown = [slug for slug in slugs if slug not in TOPIC_SLUGS]
    if unknown:
        raise FieldError(f"topics: ukendt emne: {', '.join(unknown)} (brug nogle af {', '.join(TOPIC_SLUGS)})")
    return slugs
