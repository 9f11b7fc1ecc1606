"""Danish wording for what the index stores in English or ISO form: types, dates, page labels."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import PurePosixPath

TYPE_LABELS = {
    "announcement": "Invitation",
    "news": "Nyhed",
    "presentation": "Præsentation",
    "report": "Rapport",
    "case": "Case",
    "minutes": "Referat",
    "notes": "Noter",
    "other": "Andet",
}
# The order a meeting's material is read in: invitation, talks, reports, cases, minutes.
TYPE_ORDER = tuple(TYPE_LABELS)

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)

FORMAT_LABELS = {
    "pdf": "PDF",
    "pptx": "PowerPoint",
    "docx": "Word",
    "html": "Webside",
    "htm": "Webside",
    "txt": "Tekst",
    "md": "Tekst",
}

# Names of the extraction notes a document carries ("meta"), in Danish.
META_LABELS = {
    "date_source": "Datoen kommer fra",
    "meeting_date_source": "Mødedatoen kommer fra",
    "published_source": "Udgivelsesdatoen kommer fra",
    "title_source": "Titlen kommer fra",
    "type_source": "Typen kommer fra",
    "author": "Forfatter",
    "checksum": "Kontrolsum (SHA-256)",
}

_TAG = re.compile(r"<[^>]*>")


def type_label(doc_type: str | None) -> str:
    if not doc_type:
        return TYPE_LABELS["other"]
    return TYPE_LABELS.get(doc_type, doc_type)


def parse_iso_date(value: str | date | None) -> date | None:
    if isinstance(value, date):
        return value
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def iso_date(value: str | None) -> str:
    """The value if it is an ISO date (YYYY-MM-DD), else '' (a date field shows nothing)."""
    parsed = parse_iso_date(value) if value and len(value) == 10 else None
    return parsed.isoformat() if parsed else ""


def danish_date(value: str | date | None) -> str:
    """'2021-04-29' -> '29. april 2021'; anything not a date is shown as it is (or empty)."""
    parsed = parse_iso_date(value)
    if parsed is None:
        return "" if value is None else str(value)
    return f"{parsed.day}. {MONTHS[parsed.month - 1]} {parsed.year}"


def file_suffix(path: str | None) -> str:
    return PurePosixPath(path or "").suffix.lower().lstrip(".")


def format_label(path_or_format: str | None) -> str:
    value = (path_or_format or "").lower()
    key = file_suffix(value) or value
    return FORMAT_LABELS.get(key, key.upper() or "Fil")


def passage_noun(path_or_format: str | None) -> str:
    """What a passage number counts in this kind of file: slides, pages or sections."""
    value = (path_or_format or "").lower()
    kind = file_suffix(value) or value
    if kind == "pptx":
        return "Dias"
    if kind == "pdf":
        return "Side"
    return "Afsnit"


def printed_page(number: int, page_label: str | None = None) -> str:
    """'75 (PDF-side 81)' when a page prints another number than its place in the file, else '81'."""
    if page_label and str(page_label) != str(number):
        return f"{page_label} (PDF-side {number})"
    return str(number)


def passage_label(path_or_format: str | None, number: int | None, page_label: str | None = None) -> str:
    """'Side 3' for a PDF page ('Side iv (PDF-side 4)' when it prints another number), 'Dias 4' for a
    slide, 'Afsnit 2' for a section; '' without a number."""
    if number is None:
        return ""
    noun = passage_noun(path_or_format)
    return f"Side {printed_page(number, page_label)}" if noun == "Side" else f"{noun} {number}"


def ocr_note(passage: dict) -> str | None:
    """What an officer should know about a page read from a scanned image, or None."""
    if not passage.get("ocr"):
        return None
    confidence = passage.get("ocr_confidence")
    certainty = f" (sikkerhed {round(confidence)} %)" if confidence is not None else ""
    if passage.get("ocr_low_confidence"):
        return f"Siden er scannet og læst med tekstgenkendelse{certainty}; teksten kan indeholde fejllæste ord."
    return f"Siden er scannet og læst med tekstgenkendelse{certainty}."


def is_pdf(path_or_format: str | None) -> bool:
    value = (path_or_format or "").lower()
    return (file_suffix(value) or value) == "pdf"


def plain_snippet(snippet: str | None) -> str:
    """The text of an HTML snippet (marks removed, entities decoded), for CSV and plain contexts."""
    return html.unescape(_TAG.sub("", snippet or ""))


def meta_label(key: str) -> str:
    return META_LABELS.get(key, key.replace("_", " ").capitalize())


def file_size(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def count_label(count: int, singular: str, plural: str) -> str:
    """'1 dokument', '12 dokumenter', with a Danish thousands separator ('1.234')."""
    number = f"{count:,}".replace(",", ".")
    return f"{number} {singular if count == 1 else plural}"


def presenter_name(presenter) -> str:
    """A presenter as a name: the data may give a plain name or a record with "name"."""
    if isinstance(presenter, dict):
        return str(presenter.get("name") or "").strip()
    return str(presenter or "").strip()


def presenter_names(presenters) -> str:
    """'Anne Holm og Per Dal', 'A, B og C': the names of a talk's presenters in Danish."""
    names = [n for n in (presenter_name(p) for p in presenters or ()) if n]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} og {names[-1]}"
