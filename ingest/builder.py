"""Deciding a document's record from what was extracted and what metadata says. Pure.

Precedence, strongest first:
- title: sidecar, the format's best title candidate, a title made from the file name;
- type: sidecar, else inferred (ingest.classify);
- meeting_date: sidecar, the meeting folder (meeting.toml, else the date in the folder name),
  a meeting phrase in the text ("Referat af netværksmødet 2. september 2021" ...);
- published: sidecar, HTML/Markdown metadata, a dateline in the text ("Nyhed · 3. marts 2022",
  "marts 2022" with precision "month"), PDF file metadata when plausible (a month-only dateline
  takes the metadata's day when it falls in that month);
- date: meeting_date, else published, else none; ``date_source`` names where it came from.
  The file's modification time is never used.
- themes: sidecar, the meeting's themes, phrases in the text;
- organizations: sidecar, then the list-driven matcher over the document's own title, text and
  author metadata. The meeting's organisations are NOT inherited: a document counts for an
  organisation only when it names it (or its sidecar says so);
- places: sidecar, the meeting's place, then the matcher;
- presenters (presentations and cases): sidecar, the title slide or first page ("Navn, rolle,
  Organisation", "Oplæg ved ...", "v/ ..."), else the meeting's programme point for this talk;
- topics: sidecar ``topics`` (replacing extraction), else ingest.topics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.classify import infer_type
from ingest.dates import FoundDate, find_meeting_date, find_published
from ingest.document import Document, Presenter, TopicMatch, document_id, normalize_relpath
from ingest.entities import Entities, find_entities, merge_names
from ingest.extracted import Extracted
from ingest.meetings import Meeting
from ingest.normalize import clean_line, title_from_filename
from ingest.presenters import marked_presenters, programme_presenters, title_page_presenters
from ingest.sidecar import Sidecar
from ingest.taxonomy import Topic
from ingest.themes import find_themes
from ingest.topics import match_topics

# Metadata sources that state a publication date more reliably than a dateline in the text.
_STRONG_METADATA = ("html-meta", "markdown-front-matter")
_DATELINE_CHARS = 600
# File metadata dates outside these years are a tool's default (1980-01-01), not a publication.
_PLAUSIBLE_YEARS = range(1995, 2100)
_PRESENTED_TYPES = ("presentation", "case")


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
    published = _published(extracted, sidecar, text)
    doc_type = sidecar.type or _news_before_its_meeting(infer_type(extracted, title, relpath), meeting, published)
    meeting_date = _meeting_date(sidecar, meeting, text, published, doc_type == "announcement")
    day = meeting_date or published
    own_text = "\n".join((title, text, *extracted.authors))
    found_orgs, found_places = find_entities(own_text, context.entities)
    meta = {
        "published_source": published.phrase if published else None,
        "meeting_date_source": meeting_date.phrase if meeting_date else None,
    }
    return Document(
        id=document_id(relpath),
        path=relpath,
        checksum=facts.checksum,
        size=facts.size,
        format=extracted.format,
        type=doc_type,
        title=title,
        published=published.value if published else None,
        meeting_date=meeting_date.value if meeting_date else None,
        date=day.value if day else None,
        date_source=day.phrase if day else None,
        themes=sidecar.themes or (meeting.themes if meeting else ()) or find_themes(text),
        topics=_topics(sidecar, extracted, title, context),
        organizations=merge_names(sidecar.organizations, found_orgs),
        places=merge_names(sidecar.places, (meeting.place,) if meeting and meeting.place else (), found_places),
        passages=extracted.passages,
        meeting=meeting.id if meeting else None,
        meta=tuple(sorted((k, v) for k, v in meta.items() if v)),
        presenters=sidecar.presenters or _presenters(doc_type, extracted, title, meeting, relpath),
        published_precision=published.precision if published else None,
        meeting_date_precision=meeting_date.precision if meeting_date else None,
    )


def _news_before_its_meeting(doc_type: str, meeting: Meeting | None, published: FoundDate | None) -> str:
    """News filed in a meeting's folder and published before the meeting announces it."""
    if doc_type == "news" and meeting and meeting.date and published and published.value <= meeting.date:
        return "announcement"
    return doc_type


def _topics(sidecar: Sidecar, extracted: Extracted, title: str, context: Context) -> tuple[TopicMatch, ...]:
    if sidecar.topics:
        return tuple(TopicMatch(slug, (), 0.0, ("sidecar",)) for slug in sidecar.topics)
    headings = tuple(p.heading for p in extracted.passages if p.heading and p.heading != title)
    return match_topics(title, extracted.text, context.topics, headings=headings)


def _presenters(
    doc_type: str, extracted: Extracted, title: str, meeting: Meeting | None, relpath: str
) -> tuple[Presenter, ...]:
    """Who presents a talk or case: its title slide or first page, else the meeting's programme."""
    if doc_type not in _PRESENTED_TYPES or not extracted.passages:
        return ()
    first = extracted.passages[0]
    if "slides" in extracted.hints:
        own = title_page_presenters(first.text, title) or marked_presenters(first.text)
    else:
        own = marked_presenters(first.text)
    if own or meeting is None:
        return own
    return programme_presenters(meeting.programme, title, relpath.rsplit("/", 1)[-1])


def _best_title(extracted: Extracted) -> str | None:
    for candidate in extracted.title_candidates:
        title = clean_line(candidate)
        if title:
            return title
    return None


def _published(extracted: Extracted, sidecar: Sidecar, text: str) -> FoundDate | None:
    if sidecar.published:
        return FoundDate(sidecar.published, "sidecar")
    metadata = dict(extracted.dates)
    for source in _STRONG_METADATA:
        if source in metadata:
            return FoundDate(metadata[source], source)
    file_dates = [(s, d) for s, d in extracted.dates if d.year in _PLAUSIBLE_YEARS]
    dateline = find_published(text[:_DATELINE_CHARS])
    if dateline:
        for source, value in file_dates:
            same_month = (value.year, value.month) == (dateline.value.year, dateline.value.month)
            if dateline.precision == "month" and same_month:
                return FoundDate(value, source)  # "Maj 2022" on the cover, created 18 May 2022
        return FoundDate(dateline.value, "text:dateline", dateline.precision)
    for source, value in file_dates:
        return FoundDate(value, source)
    return None


def _meeting_date(
    sidecar: Sidecar, meeting: Meeting | None, text: str, published: FoundDate | None, announcement: bool
) -> FoundDate | None:
    if sidecar.meeting_date:
        return FoundDate(sidecar.meeting_date, "sidecar")
    if meeting and meeting.date:
        return FoundDate(meeting.date, meeting.date_source or "meeting.toml")
    reference = published.value if published else None
    found = find_meeting_date(text, reference) or (
        find_meeting_date(text, reference, allow_next=True) if announcement else None
    )
    return FoundDate(found.value, f"text:{found.phrase}", found.precision) if found else None
