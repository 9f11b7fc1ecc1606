"""Deciding a document's record from what was extracted and what metadata says. Pure.

Precedence, strongest first:
- title: sidecar, the format's best title candidate, a title made from the file name;
- type: sidecar, else inferred (ingest.classify);
- meeting_date: sidecar, the meeting folder (meeting.toml, else the date in the folder name),
  a meeting phrase in the text ("Referat af netværksmødet 2. september 2021" ...);
- published: sidecar, HTML/Markdown metadata, a dateline in the text, PDF/Office file metadata;
- date: meeting_date, else published, else none; ``date_source`` names where it came from.
  The file's modification time is never used.
- themes: sidecar, the meeting's themes, phrases in the text;
- organizations/places: sidecar, the meeting, then the list-driven matcher over the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ingest.classify import infer_type
from ingest.dates import find_dateline, find_meeting_date
from ingest.document import Document, document_id, normalize_relpath
from ingest.entities import Entities, find_entities, merge_names
from ingest.extracted import Extracted
from ingest.meetings import Meeting
from ingest.normalize import clean_line, title_from_filename
from ingest.sidecar import Sidecar
from ingest.taxonomy import Topic
from ingest.themes import find_themes
from ingest.topics import match_topics

# Metadata sources that state a publication date more reliably than a dateline in the text.
_STRONG_METADATA = ("html-meta", "markdown-front-matter")
_DATELINE_CHARS = 600


@dataclass(frozen=True)
class FileFacts:
    relpath: str
    checksum: str
    size: int


@dataclass(frozen=True)
class Context:
    """What the corpus knows beyond the file: its taxonomy and entity list."""

    topics: tuple[Topic, ...] = ()
    entities: Entities = field(default_factory=Entities)


def build_document(
    facts: FileFacts,
    extracted: Extracted,
    context: Context,
    meeting: Meeting | None = None,
    sidecar: Sidecar | None = None,
) -> Document:
    sidecar = sidecar or Sidecar()
    relpath = normalize_relpath(facts.relpath)
    text = extracted.text
    title = sidecar.title or _best_title(extracted) or title_from_filename(relpath)
    published, published_source = _published(extracted, sidecar, text)
    meeting_date, meeting_source = _meeting_date(sidecar, meeting, text, published)
    day, day_source = (meeting_date, meeting_source) if meeting_date else (published, published_source)
    found_orgs, found_places = find_entities(f"{title}\n{text}", context.entities)
    meta = {"published_source": published_source, "meeting_date_source": meeting_source}
    return Document(
        id=document_id(relpath),
        path=relpath,
        checksum=facts.checksum,
        size=facts.size,
        format=extracted.format,
        type=sidecar.type or infer_type(extracted, title, relpath),
        title=title,
        published=published,
        meeting_date=meeting_date,
        date=day,
        date_source=day_source,
        themes=sidecar.themes or (meeting.themes if meeting else ()) or find_themes(text),
        topics=match_topics(title, text, context.topics),
        organizations=merge_names(sidecar.organizations, meeting.organizations if meeting else (), found_orgs),
        places=merge_names(sidecar.places, (meeting.place,) if meeting and meeting.place else (), found_places),
        passages=extracted.passages,
        meeting=meeting.id if meeting else None,
        meta=tuple(sorted((k, v) for k, v in meta.items() if v)),
    )


def _best_title(extracted: Extracted) -> str | None:
    for candidate in extracted.title_candidates:
        title = clean_line(candidate)
        if title:
            return title
    return None


def _published(extracted: Extracted, sidecar: Sidecar, text: str) -> tuple[date | None, str | None]:
    if sidecar.published:
        return sidecar.published, "sidecar"
    metadata = dict(extracted.dates)
    for source in _STRONG_METADATA:
        if source in metadata:
            return metadata[source], source
    dateline = find_dateline(text[:_DATELINE_CHARS])
    if dateline:
        return dateline, "text:dateline"
    for source, value in extracted.dates:
        return value, source
    return None, None


def _meeting_date(
    sidecar: Sidecar, meeting: Meeting | None, text: str, published: date | None
) -> tuple[date | None, str | None]:
    if sidecar.meeting_date:
        return sidecar.meeting_date, "sidecar"
    if meeting and meeting.date:
        return meeting.date, meeting.date_source or "meeting.toml"
    found = find_meeting_date(text, published)
    if found:
        return found.value, f"text:{found.phrase}"
    return None, None
