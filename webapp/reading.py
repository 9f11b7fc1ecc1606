"""Reading a document at the hit: which passage is current, its anchor, and links that keep the search.

Pure functions over the stored document record and the cleaned search arguments, so the document
page, the result list and the tests share one rule for where a hit lands.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.document import Passage
from index.search import query_highlighter, section_anchor
from webapp.formatting import file_suffix, ocr_note, passage_label
from webapp.params import query_string

# URL parameters that name the passage a link points at: a page or slide, or a section.
PAGE_ARG = "side"
SECTION_ARG = "afsnit"
PAGED = ("pdf", "pptx")


def doc_format(doc: Mapping) -> str:
    value = (doc.get("format") or doc.get("path") or "").lower()
    return file_suffix(value) or value


def is_paged(doc: Mapping) -> bool:
    return doc_format(doc) in PAGED


def passage_anchor(fmt: str, number: int) -> str:
    """'side-6' for a PDF page, 'dias-3' for a slide, 'afsnit-2' for a section of the others."""
    if fmt == "pdf":
        return f"side-{number}"
    if fmt == "pptx":
        return f"dias-{number}"
    return section_anchor(number)


@dataclass(frozen=True)
class ReadingPassage:
    number: int
    anchor: str
    label: str          # "Side 6", "Dias 3", or the section's own heading ("Afsnit 2" without one)
    heading: str | None  # a slide's title beside its label; None for sections (it is the label)
    html: str           # the text, escaped, the query's words in <mark>
    current: bool
    note: str | None = None  # e.g. that the page was read by OCR from a scanned image


def reading_passages(doc: Mapping, q: str, wanted: int | None) -> tuple[list[ReadingPassage], int | None]:
    """The document's passages with the query's words marked, and the number of the current one:
    the one the link asked for, else (with a query) the passage where the query's words meet."""
    fmt = doc_format(doc)
    stored = list(doc.get("passages") or ())
    numbers = {p.get("number") for p in stored}
    light = query_highlighter(q) if q else None
    current = wanted if wanted in numbers else None
    if current is None and light is not None and light.pattern is not None and stored:
        best, score = light.best_passage([Passage(p.get("number"), p.get("text") or "") for p in stored])
        current = best.number if score else None
    labels = doc.get("page_labels") or {}
    passages = []
    for p in stored:
        number = p.get("number")
        heading = p.get("heading") or None
        own_label = None if fmt in PAGED else heading
        label = own_label or passage_label(fmt, number, p.get("page_label") or labels.get(str(number)))
        text = p.get("text") or ""
        passages.append(
            ReadingPassage(
                number=number,
                anchor=passage_anchor(fmt, number),
                label=label,
                heading=heading if fmt in PAGED else None,
                html=light.marked(text) if light is not None else html.escape(text),
                current=number == current,
                note=ocr_note(p),
            )
        )
    return passages, current


def document_href(base: str, result: Mapping, args: Mapping[str, list[str]]) -> str:
    """The link from a result to its document: the search travels along, the anchor is the hit."""
    pairs = query_string(args)
    fmt = file_suffix(result.get("path") or "")
    anchor = None
    extra = ""
    if result.get("page"):
        extra = f"{PAGE_ARG}={int(result['page'])}"
        anchor = passage_anchor(fmt, int(result["page"]))
    elif result.get("section"):
        number = int(result["section"]["number"])
        extra = f"{SECTION_ARG}={number}"
        anchor = result["section"].get("anchor") or section_anchor(number)
    query = "&".join(part for part in (pairs, extra) if part)
    href = f"{base}?{query}" if query else base
    return f"{href}#{anchor}" if anchor else href
