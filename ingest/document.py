"""The one record every ingested file becomes, with lossless conversion to and from plain dicts."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date

# "news" and "notes" were added in issue 12; the list only grows (a public contract).
DOCUMENT_TYPES = ("announcement", "news", "presentation", "report", "case", "minutes", "notes", "other")
DATE_PRECISIONS = ("day", "month")


@dataclass(frozen=True)
class Passage:
    """A unit of reading: a PDF page or PPTX slide (number = 1-based page/slide), or a heading section."""

    number: int
    text: str
    heading: str | None = None
    # PDF pages only; as_dict writes these keys only when set
    page_label: str | None = None  # the page number printed on the page ("iv", "75"), when known
    toc: bool = False  # a table of contents or index page: searchable, never a document's best page
    ocr: bool = False  # the text was read from a scanned image by OCR
    ocr_confidence: float | None = None  # Tesseract's mean word confidence, 0-100
    ocr_low_confidence: bool = False  # below the confidence floor: indexed, but may misread words

    def as_dict(self) -> dict:
        data = {"number": self.number, "heading": self.heading, "text": self.text}
        for key in _OPTIONAL_PASSAGE_KEYS:
            value = getattr(self, key)
            if value not in (None, False):
                data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Passage":
        return cls(
            int(data["number"]),
            data["text"],
            data.get("heading"),
            page_label=data.get("page_label"),
            toc=bool(data.get("toc", False)),
            ocr=bool(data.get("ocr", False)),
            ocr_confidence=data.get("ocr_confidence"),
            ocr_low_confidence=bool(data.get("ocr_low_confidence", False)),
        )


_OPTIONAL_PASSAGE_KEYS = ("page_label", "toc", "ocr", "ocr_confidence", "ocr_low_confidence")


@dataclass(frozen=True)
class TopicMatch:
    """A DK2020 topic assigned to a document and the terms in the text that triggered it."""

    slug: str
    terms: tuple[str, ...]
    score: float = 0.0
    found_in: tuple[str, ...] = ()  # where the terms were found: title, heading, opening, body, sidecar


@dataclass(frozen=True)
class Presenter:
    """A person who gives a presentation: a personal name, and the role and organisation if stated."""

    name: str
    role: str | None = None
    organization: str | None = None

    def as_dict(self) -> dict:
        return {"name": self.name, "role": self.role, "organization": self.organization}


@dataclass(frozen=True)
class Document:
    id: str
    path: str
    checksum: str
    size: int
    format: str
    type: str
    title: str
    published: date | None = None
    meeting_date: date | None = None
    date: date | None = None
    date_source: str | None = None
    themes: tuple[str, ...] = ()
    topics: tuple[TopicMatch, ...] = ()
    organizations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    passages: tuple[Passage, ...] = ()
    meeting: str | None = None
    meta: tuple[tuple[str, str], ...] = field(default=())
    presenters: tuple[Presenter, ...] = ()
    published_precision: str | None = None  # "day" or "month" ("marts 2022"), None without a date
    meeting_date_precision: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        for key in ("published", "meeting_date", "date"):
            value = getattr(self, key)
            data[key] = value.isoformat() if value else None
        data["topics"] = [
            {"slug": t.slug, "terms": list(t.terms), "score": t.score, "found_in": list(t.found_in)}
            for t in self.topics
        ]
        data["presenters"] = [p.as_dict() for p in self.presenters]
        data["passages"] = [p.as_dict() for p in self.passages]
        for key in ("themes", "organizations", "places"):
            data[key] = list(data[key])
        data["meta"] = dict(self.meta)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Document":
        values = dict(data)
        for key in ("published", "meeting_date", "date"):
            raw = values.get(key)
            values[key] = date.fromisoformat(raw) if raw else None
        values["topics"] = tuple(
            TopicMatch(t["slug"], tuple(t["terms"]), float(t.get("score", 0.0)), tuple(t.get("found_in", ())))
            for t in values.get("topics", ())
        )
        values["presenters"] = tuple(
            Presenter(p["name"], p.get("role"), p.get("organization")) for p in values.get("presenters", ())
        )
        values["passages"] = tuple(Passage.from_dict(p) for p in values.get("passages", ()))
        for key in ("themes", "organizations", "places"):
            values[key] = tuple(values.get(key, ()))
        values["meta"] = tuple(sorted(dict(values.get("meta") or {}).items()))
        return cls(**values)

    @property
    def ocr_pages(self) -> int:
        """Pages whose text was read by OCR (for reindex's "ocr_pages")."""
        return sum(1 for p in self.passages if p.ocr)

    @property
    def topic_slugs(self) -> tuple[str, ...]:
        return tuple(t.slug for t in self.topics)


def normalize_relpath(relpath: str) -> str:
    """Posix separators and Unicode NFC, so the same file has the same id on every machine."""
    return unicodedata.normalize("NFC", relpath.replace("\\", "/")).lstrip("/")


def document_id(relpath: str) -> str:
    """A short, URL-safe id that is stable for a corpus-relative path."""
    return hashlib.sha1(normalize_relpath(relpath).encode("utf-8")).hexdigest()[:16]
