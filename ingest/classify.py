"""Inferring a document's type when no sidecar states it. Pure: format, hints, title, text, name."""

from __future__ import annotations

import re

from ingest.dates import find_meeting_date, find_published
from ingest.extracted import Extracted

_NOTES = re.compile(r"^\s*(noter|notat|notes|memo|mødenoter|notits)\b", re.IGNORECASE)
_MINUTES = re.compile(r"^\s*(referat|mødereferat|beslutningsreferat)\b", re.IGNORECASE)
_CASE = re.compile(r"(^|[\s:–-])(case|casen|cases|erfaringer fra)\b", re.IGNORECASE)
_REPORT = re.compile(
    r"\b(rapport(en)?|analyse(n)?|evaluering(en)?|undersøgelse(n)?|kortlægning(en)?|report)\b", re.IGNORECASE
)
_PRESENTATION = re.compile(r"\b(oplæg|oplaeg|præsentation|praesentation|slides|dias)\b", re.IGNORECASE)
_ANNOUNCEMENT = re.compile(
    r"\b(invitation|inviterer|invitere[sr]?|tilmeld(ing|ingen)?|tilmelde dig|dagsorden|program for|save the date|"
    r"velkommen til|det kommende (netværks)?møde)\b",
    re.IGNORECASE,
)
_NEWS = re.compile(r"\b(nyhed|nyheder|pressemeddelelse|nyhedsbrev|klimanyt)\b", re.IGNORECASE)
_OPENING_CHARS = 600
_REPORT_MIN_PAGES = 8


def infer_type(extracted: Extracted, title: str, relpath: str) -> str:
    """One of the document types, decided from the strongest cue first:
    minutes ("Referat ..." at the start), notes ("Notat", "Noter", "Memo" at the start),
    case ("Case:" in title or name), presentation (PPTX, landscape PDF pages, "Oplæg"),
    report ("Rapport", "Analyse" ... in title or name, or a long PDF),
    announcement (invitation wording, or news about a meeting still to come),
    news (a news page, "Nyhed"/"Pressemeddelelse", a dated text), else other."""
    name = relpath.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
    opening = extracted.text[:_OPENING_CHARS]
    first_line = next((line for line in opening.splitlines() if line.strip()), "")
    if _MINUTES.match(title) or _MINUTES.match(opening) or _MINUTES.match(name):
        return "minutes"
    if _NOTES.match(title) or _NOTES.match(name) or _NOTES.match(first_line.strip("*#_ ")):
        return "notes"
    if _CASE.search(title) or _CASE.search(name):
        return "case"
    if extracted.format == "pptx":
        return "presentation"
    if _REPORT.search(title) or _REPORT.search(name):
        return "report"
    if "slides" in extracted.hints or _PRESENTATION.search(title) or _PRESENTATION.search(name):
        return "presentation"
    if _ANNOUNCEMENT.search(title) or _ANNOUNCEMENT.search(name) or _ANNOUNCEMENT.search(opening):
        return "announcement"
    if _is_news(extracted, title, name, opening):
        return "announcement" if _about_coming_meeting(extracted) else "news"
    if extracted.format == "pdf" and len(extracted.passages) >= _REPORT_MIN_PAGES:
        return "report"
    return "other"


def _is_news(extracted: Extracted, title: str, name: str, opening: str) -> bool:
    """A news item: a news page, a "Nyhed"/"Pressemeddelelse" cue, or a plain text or Markdown
    file that opens with a dateline or carries a publication date."""
    if "news-page" in extracted.hints or _NEWS.search(title) or _NEWS.search(name) or _NEWS.search(opening):
        return True
    return extracted.format in ("text", "markdown") and bool(extracted.dates or find_published(opening))


def _about_coming_meeting(extracted: Extracted) -> bool:
    """Whether a news item is about a meeting on or after the day it was published."""
    published = dict(extracted.dates).get("html-meta") or dict(extracted.dates).get("markdown-front-matter")
    if published is None:
        found = find_published(extracted.text[:_OPENING_CHARS])
        published = found.value if found else None
    meeting = find_meeting_date(extracted.text, published)
    return bool(meeting and (published is None or meeting.value >= published))
