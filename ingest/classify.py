"""Inferring a document's type when no sidecar states it. Pure: format, hints, title, text, name."""

from __future__ import annotations

import re

from ingest.dates import find_dateline
from ingest.extracted import Extracted

_NOTES = re.compile(r"^\s*(noter|notat|notes)\b", re.IGNORECASE)
_MINUTES = re.compile(r"^\s*(referat|mødereferat|beslutningsreferat)\b", re.IGNORECASE)
_CASE = re.compile(r"(^|[\s:–-])(case|casen|cases|erfaringer fra)\b", re.IGNORECASE)
_REPORT = re.compile(
    r"\b(rapport(en)?|analyse(n)?|evaluering(en)?|undersøgelse(n)?|kortlægning(en)?|report)\b", re.IGNORECASE
)
_PRESENTATION = re.compile(r"\b(oplæg|oplaeg|præsentation|praesentation|slides|dias)\b", re.IGNORECASE)
_ANNOUNCEMENT = re.compile(
    r"\b(invitation|inviterer|invitere[sr]?|tilmeld(ing|ingen)?|tilmelde dig|dagsorden|nyhed|program for|"
    r"velkommen til|det kommende (netværks)?møde)\b",
    re.IGNORECASE,
)
_OPENING_CHARS = 600
_REPORT_MIN_PAGES = 8


def infer_type(extracted: Extracted, title: str, relpath: str) -> str:
    """One of the document types, decided from the strongest cue first:
    minutes ("Referat ..." at the start), presentation (PPTX or landscape PDF pages, "Oplæg"),
    case ("Case:" in title or name), report ("Rapport" in title or name, or a long PDF),
    notes ("Noter ...") are other; announcement (a news page, invitation wording, a plain text
    opening with a dateline), else other."""
    name = relpath.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ")
    opening = extracted.text[:_OPENING_CHARS]
    if _MINUTES.match(title) or _MINUTES.match(opening) or _MINUTES.match(name):
        return "minutes"
    if extracted.format == "pptx":
        return "presentation"
    if _CASE.search(title) or _CASE.search(name):
        return "case"
    if _REPORT.search(title) or _REPORT.search(name):
        return "report"
    if "slides" in extracted.hints or _PRESENTATION.search(title) or _PRESENTATION.search(name):
        return "presentation"
    if _NOTES.match(title) or _NOTES.match(name):
        return "other"
    if "news-page" in extracted.hints or extracted.format == "html":
        return "announcement"
    if _ANNOUNCEMENT.search(title) or _ANNOUNCEMENT.search(name) or _ANNOUNCEMENT.search(opening):
        return "announcement"
    if extracted.format == "text" and find_dateline(opening):
        return "announcement"  # a dated news text
    if extracted.format == "pdf" and len(extracted.passages) >= _REPORT_MIN_PAGES:
        return "report"
    return "other"
