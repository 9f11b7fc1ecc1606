"""A meeting as its officers read it: the programme in order, the invitation and the minutes, and
search hits grouped by the meeting they belong to. Pure functions over the service's records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from webapp.formatting import TYPE_ORDER


# The value of ?vis= that shows search results grouped by meeting.
BY_MEETING = "moeder"


@dataclass(frozen=True)
class ProgrammePoint:
    title: str
    time: str | None
    presenters: tuple[Mapping, ...]   # {"name", "role", "organization"}
    document_id: str | None


def reading_order(brief: Mapping) -> tuple:
    """Invitation, talks, reports, cases, minutes; by title within a type."""
    doc_type = brief.get("type") or "other"
    rank = TYPE_ORDER.index(doc_type) if doc_type in TYPE_ORDER else len(TYPE_ORDER)
    return (rank, (brief.get("title") or "").casefold())


def programme(meeting: Mapping) -> list[ProgrammePoint]:
    """The meeting's programme in its order; [] when the meeting data has none."""
    points = []
    for item in meeting.get("programme") or ():
        presenters = tuple(p if isinstance(p, Mapping) else {"name": str(p)} for p in item.get("presenters") or ())
        points.append(
            ProgrammePoint(
                title=item.get("title") or "",
                time=item.get("time"),
                presenters=presenters,
                document_id=item.get("document_id"),
            )
        )
    return points


def of_type(documents: Iterable[Mapping], doc_type: str) -> list[Mapping]:
    return [d for d in documents if d.get("type") == doc_type]


@dataclass
class MeetingGroup:
    meeting_id: str | None
    results: list[dict] = field(default_factory=list)


def group_by_meeting(results: Iterable[dict]) -> list[MeetingGroup]:
    """Hits grouped by meeting, meetings in the order of their best hit (the results' order);
    material from no meeting comes last, as one group."""
    groups: dict[str | None, MeetingGroup] = {}
    for result in results:
        key = result.get("meeting")
        groups.setdefault(key, MeetingGroup(key)).results.append(result)
    ordered = [g for k, g in groups.items() if k is not None]
    if None in groups:
        ordered.append(groups[None])
    return ordered
