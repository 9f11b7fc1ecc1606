"""The metadata a coordinator sets: form fields -> the dicts that become meeting.toml and sidecars.

Only the sidecar fields the installed reader (ingest.sidecar) understands are offered and written,
so a saved sidecar is never one the next reindex rejects.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from ingest.document import DOCUMENT_TYPES
from ingest.sidecar import Sidecar

SIDECAR_FIELDS = tuple(f.name for f in dataclasses.fields(Sidecar))
PRESENTER_KEYS = ("name", "role", "organization")


class FormError(ValueError):
    """A field a coordinator filled in cannot be used; the message is Danish and names the field."""


def split_list(text: str | None) -> list[str]:
    """One value per line or comma: "DI, Energistyrelsen" -> ["DI", "Energistyrelsen"]."""
    return [" ".join(part.split()) for part in re.split(r"[\n,;]", text or "") if part.strip()]


def parse_date(text: str | None, label: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise FormError(f"{label} skal være en dato som 2021-04-29.") from exc


def clean_text(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return text or None


def parse_presenters(lines: str | None) -> list[dict]:
    """One presenter per line: "Navn; rolle; organisation" (rolle and organisation optional)."""
    presenters = []
    for line in (lines or "").splitlines():
        parts = [" ".join(p.split()) for p in line.split(";")]
        if not any(parts):
            continue
        if not parts[0]:
            raise FormError("Hver oplægsholder skal have et navn først på linjen.")
        if len(parts) > 3:
            raise FormError("Skriv oplægsholdere som »Navn; rolle; organisation« – højst to semikoloner.")
        presenters.append({k: v for k, v in zip(PRESENTER_KEYS, parts) if v})
    return presenters


def presenters_text(presenters) -> str:
    rows = []
    for p in presenters or ():
        values = [p.get(k) or "" for k in PRESENTER_KEYS] if isinstance(p, dict) else [
            getattr(p, k, None) or "" for k in PRESENTER_KEYS]
        rows.append("; ".join(values).rstrip("; "))
    return "\n".join(rows)


def sidecar_from_form(form, valid_topics) -> dict:
    """The sidecar's fields from a submitted form (empty fields are left out: extraction decides)."""
    doc_type = (form.get("type") or "").strip() or None
    if doc_type and doc_type not in DOCUMENT_TYPES:
        raise FormError("Vælg en af de kendte dokumenttyper.")
    data = {
        "title": clean_text(form.get("title")),
        "type": doc_type,
        "published": parse_date(form.get("published"), "Udgivelsesdato"),
        "meeting_date": parse_date(form.get("meeting_date"), "Mødedato"),
        "themes": split_list(form.get("themes")),
        "organizations": split_list(form.get("organizations")),
        "places": split_list(form.get("places")),
        "presenters": parse_presenters(form.get("presenters")),
        "topics": [t for t in form.getlist("topics") if t],
    }
    unknown = [t for t in data["topics"] if t not in set(valid_topics)]
    if unknown:
        raise FormError("Vælg emner fra listen.")
    return {key: value for key, value in data.items() if key in SIDECAR_FIELDS and value not in (None, [])}


def meeting_from_form(form) -> dict:
    title = clean_text(form.get("meeting_title"))
    if not title:
        raise FormError("Mødet skal have en titel.")
    meeting_date = parse_date(form.get("meeting_date"), "Mødets dato")
    if meeting_date is None:
        raise FormError("Mødet skal have en dato.")
    return {
        "title": title,
        "date": meeting_date,
        "place": clean_text(form.get("meeting_place")),
        "themes": split_list(form.get("meeting_themes")),
        "organizations": split_list(form.get("meeting_organizations")),
    }
