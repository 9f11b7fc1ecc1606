"""Meeting folders: corpus/<id>/ with an optional meeting.toml whose facts its documents inherit.

A top-level folder is a meeting folder when it has a meeting.toml or its name starts with an ISO
date ("2021-04-29-erhvervspartnerskaber"). Without a meeting.toml the date comes from the name.
A name whose date does not exist ("2021-02-30-moede") states no date: a warning names the folder,
and it is a meeting folder only with a meeting.toml.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from ingest.document import Presenter
from ingest.errors import IngestError
from ingest.normalize import title_from_filename
from ingest.presenters import ProgrammeItem
from ingest.programme import invitation_programme
from ingest.tomlfields import (
    FieldError, check_keys, date_field, list_field, parse_toml, read_toml_bytes, table_list_field, text_field,
)

MEETING_FILE = "meeting.toml"
_KEYS = {"title", "date", "place", "themes", "organizations", "programme"}
_PROGRAMME_KEYS = {"title", "name", "role", "organization", "document", "time"}
_DATED_NAME = re.compile(r"^((?:19|20)\d\d-[01]\d-[0-3]\d)(?:[-_ ](.*))?$")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str
    date: date | None
    place: str | None
    themes: tuple[str, ...]
    organizations: tuple[str, ...]
    date_source: str | None = None
    # ordered points: from meeting.toml's [[programme]], else the invitation's programme
    programme: tuple[ProgrammeItem, ...] = ()
    programme_source: str | None = None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "place": self.place,
            "themes": list(self.themes),
            "organizations": list(self.organizations),
            "programme": [item.as_dict() for item in self.programme],
            "programme_source": self.programme_source,
        }


def meeting_id_for(relpath: str) -> str | None:
    """The folder a corpus-relative path lies in, if it is in a folder at all (a meeting candidate)."""
    parts = relpath.split("/")
    return parts[0] if len(parts) > 1 else None


def load_meetings(corpus_dir: Path) -> dict[str, Meeting]:
    """Every meeting folder of a corpus by id; raises IngestError for an invalid meeting.toml."""
    meetings = {}
    for folder in sorted(Path(corpus_dir).iterdir()):
        if folder.is_dir() and not folder.is_symlink() and not folder.name.startswith("."):
            meeting = load_meeting(Path(corpus_dir), folder.name)
            if meeting:
                meetings[meeting.id] = meeting
    return meetings


def load_meeting(corpus_dir: Path, meeting_id: str) -> Meeting | None:
    """The meeting of one top-level folder, or None when the folder is no meeting folder."""
    folder = Path(corpus_dir) / meeting_id
    toml_path = folder / MEETING_FILE
    if toml_path.is_file() and not toml_path.is_symlink():
        try:
            meeting = _meeting_of(meeting_id, read_toml_bytes(toml_path))
        except FieldError as exc:
            raise IngestError(f"{meeting_id}/{MEETING_FILE}", str(exc)) from exc
    elif name_date(meeting_id)[0]:
        meeting = folder_meeting(meeting_id)
    else:
        return None
    return with_programme(meeting, folder)


@lru_cache(maxsize=256)
def _meeting_of(meeting_id: str, raw: bytes) -> Meeting:
    """The meeting a meeting.toml's bytes describe; every document of a meeting asks for it, so a
    parser process parses each file's content once."""
    return parse_meeting(meeting_id, parse_toml(raw))


def with_programme(meeting: Meeting, folder: Path) -> Meeting:
    """The meeting with the programme of its invitation when meeting.toml lists none."""
    if meeting.programme:
        return meeting
    found = invitation_programme(folder)
    return replace(meeting, programme=found, programme_source="invitation") if found else meeting


def load_meeting_or_folder(corpus_dir: Path, meeting_id: str) -> tuple[Meeting | None, IngestError | None]:
    """The meeting of a folder and None; when its meeting.toml is invalid, the meeting its folder
    name gives and the error: a broken meeting.toml is reported, its documents stay searchable."""
    try:
        return load_meeting(corpus_dir, meeting_id), None
    except IngestError as exc:
        return folder_meeting(meeting_id), exc


def folder_meeting(meeting_id: str) -> Meeting:
    """A meeting from its folder's name alone: "2021-09-02-klimafolkemoedet" -> "Klimafolkemoedet", 2 Sep 2021."""
    folder_date, rest = name_date(meeting_id)
    title = title_from_filename(rest or meeting_id)
    return Meeting(meeting_id, title, folder_date, None, (), (), "folder-name" if folder_date else None)


def name_date(folder_name: str) -> tuple[date | None, str | None]:
    """(the date a folder's name starts with, the rest of the name); (None, None) without one.

    An impossible date ("2021-02-30") is no date; it is logged once per folder as a warning."""
    dated = _DATED_NAME.match(folder_name)
    if not dated:
        return None, None
    try:
        return date.fromisoformat(dated.group(1)), dated.group(2)
    except ValueError:
        _warn_impossible_date(folder_name)
        return None, None


@lru_cache(maxsize=256)
def _warn_impossible_date(folder_name: str) -> None:
    log.warning("the folder %s is named with a date that does not exist; it is read as undated", folder_name)


def parse_meeting(meeting_id: str, data: dict) -> Meeting:
    """A Meeting from meeting.toml's fields; raises FieldError for a missing title or a wrong type."""
    check_keys(data, _KEYS)
    title = text_field(data, "title")
    if not title:
        raise FieldError("title mangler (mødets navn)")
    meeting_date = date_field(data, "date")
    source = "meeting.toml" if meeting_date else None
    if meeting_date is None:
        meeting_date = name_date(meeting_id)[0]
        source = "folder-name" if meeting_date else None
    return Meeting(
        id=meeting_id,
        title=title,
        date=meeting_date,
        place=text_field(data, "place"),
        themes=list_field(data, "themes"),
        organizations=list_field(data, "organizations"),
        date_source=source,
        programme=_programme(data),
        programme_source="meeting.toml" if data.get("programme") else None,
    )


def _programme(data: dict) -> tuple[ProgrammeItem, ...]:
    """meeting.toml's [[programme]] points: title, and optionally name, role, organization (one
    presenter), time and document (the talk's file name in the meeting folder)."""
    items = []
    for table in table_list_field(data, "programme", _PROGRAMME_KEYS, "title"):
        presenter = Presenter(table["name"], table.get("role"), table.get("organization")) if "name" in table else None
        items.append(
            ProgrammeItem(table["title"], (presenter,) if presenter else (), table.get("time"), table.get("document"))
        )
    return tuple(items)
