"""A meeting's programme: read from its invitation (the file is found by name, read by its format
module and parsed by ingest.presenters.parse_programme; cached per file state, since every
document of the meeting asks for it), and linked to the meeting's documents for the API."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ingest.document import Presenter
from ingest.errors import IngestError
from ingest.presenters import ProgrammeItem, parse_programme, programme_presenters
from ingest.registry import format_for, is_supported

_INVITATION_NAME = re.compile(r"^(invitation|invitationen|program|programme|dagsorden)\b", re.IGNORECASE)
_MAX_BYTES = 5 * 1024 * 1024


def invitation_files(folder: Path) -> list[Path]:
    """The files of a meeting folder that may hold its programme, by name (invitation, program,
    dagsorden): a change to one of them changes the presenters of the meeting's talks."""
    try:
        return sorted(p for p in Path(folder).iterdir() if _is_invitation(p))
    except OSError:
        return []


def invitation_programme(folder: Path) -> tuple[ProgrammeItem, ...]:
    """The programme of the first invitation in a meeting folder that has one, else ()."""
    for path in invitation_files(folder):
        try:
            stat = path.stat()
        except OSError:
            continue
        items = _programme_of(str(path), stat.st_size, stat.st_mtime_ns)
        if items:
            return items
    return ()


def _is_invitation(path: Path) -> bool:
    return (
        _INVITATION_NAME.match(path.name) is not None
        and is_supported(path.name)
        and path.is_file()
        and not path.is_symlink()
    )


@lru_cache(maxsize=256)
def _programme_of(path: str, size: int, mtime_ns: int) -> tuple[ProgrammeItem, ...]:
    if size > _MAX_BYTES:
        return ()
    try:
        data = Path(path).read_bytes()
        extracted = format_for(path, data).extract(data, Path(path).name)
    except (OSError, IngestError):
        return ()  # an unreadable invitation is reported when it is indexed itself
    return parse_programme(extracted.text)


def linked_programme(programme: list[dict], documents: list[dict]) -> list[dict]:
    """A meeting's programme (ProgrammeItem.as_dict() items) with each point's ``document_id``:
    the document named by the point's file name, else the talk whose presenter or title is the
    point's. Without a programme, the meeting's talks and cases in path order are the programme.
    ``documents`` are the meeting's stored records (Document.as_dict())."""
    talks = sorted((d for d in documents if d.get("type") in ("presentation", "case")), key=lambda d: d["path"])
    if not programme:
        return [
            {"time": None, "title": d["title"], "presenters": list(d.get("presenters") or ()),
             "document": d["path"].rsplit("/", 1)[-1], "document_id": d["id"]}
            for d in talks
        ]
    by_name = {d["path"].rsplit("/", 1)[-1]: d for d in documents}
    linked = []
    for item in programme:
        found = by_name.get(item.get("document") or "") or _talk_for(item, talks)
        linked.append({**item, "document_id": found["id"] if found else None})
    return linked


def _talk_for(item: dict, talks: list[dict]) -> dict | None:
    names = {p["name"].casefold() for p in item.get("presenters") or ()}
    for talk in talks:
        if names and names & {p["name"].casefold() for p in talk.get("presenters") or ()}:
            return talk
    presenters = tuple(Presenter(**p) for p in item.get("presenters") or ())
    point = (ProgrammeItem(item["title"], presenters, item.get("time")),)
    for talk in talks:
        if presenters and programme_presenters(point, talk["title"], ""):
            return talk
    return None
