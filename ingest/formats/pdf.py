"""PDF reports and exported slide decks: one passage per page, words split at line ends joined.

Per page, before passages are made: a two-column page is read column by column (ingest.pdf_layout),
a scanned page without a text layer is read by OCR when the options allow it (ingest.pdf_ocr),
running headers and footers are dropped (their page numbers in any form, ingest.pdf_pages), the
printed page number is kept as the page's label, and a table of contents is flagged.
"""

from __future__ import annotations

import hashlib
import re

from ingest.dates import parse_iso_date
from ingest.document import Passage
from ingest.errors import IngestError
from ingest.extracted import Extracted
from ingest.normalize import clean_line, is_meaningful_title, normalize_text
from ingest.ocr import OcrPage, OcrUnavailable
from ingest.options import ExtractOptions
from ingest.messages import EMPTY_FILE
from ingest.pdf_ocr import ocr_pages
from ingest.pdf_pages import is_running, is_toc_page, line_key, printed_labels
from ingest.pdf_read import PdfContent, open_document, read_document
from ingest.pdf_recover import recover

NAME = "pdf"
EXTENSIONS = (".pdf",)
MIME_TYPES = ("application/pdf",)
MAGIC = b"%PDF-"

# "klima-\ntilpasning" -> "klimatilpasning"; "CO2-\nfangst" -> "CO2-fangst"; "Power-\nto-X" -> "Power-to-X";
# "energi-\nog" stays "energi- og".
_SPLIT_WORD = re.compile(r"(\w)[-\u00ad‐]\n[ \t]*(\w+)")
_KEEP_SPACE_AFTER = {"og", "eller", "samt", "til", "men", "and", "or"}
_MAX_TITLE = 160
_RUNNING_MIN_PAGES = 3
_REFLOW_MIN_WIDTH = 50
_REFLOW_FULL = 0.75
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*▪]\s|\d{1,2}[.)]\s)")
_RUNNING_SHARE = 0.6


TAKES_OPTIONS = True  # extract() accepts ExtractOptions (OCR); other formats take none


def extract(data: bytes, name: str, options: ExtractOptions | None = None) -> Extracted:
    """The pages of a PDF. Without ``options`` (or with ocr off) scanned pages are not read."""
    if not data.strip():
        raise IngestError(name, EMPTY_FILE)
    if MAGIC not in data[:1024]:
        raise IngestError(name, "ikke en PDF-fil (intet %PDF-hoved)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(name, "PDF-filen er afkortet (ingen slutmarkering)")
    document = open_document(data, name)
    if document is None:
        return _extracted(name, recover(data, name), {}, "")
    try:
        content = read_document(document, name)
        scanned: dict[int, OcrPage] = {}
        unread_scans = ""
        try:
            scanned = _read_scans(document, content.scans, data, name, options)
        except OcrUnavailable as exc:
            unread_scans = f"; {exc}"
        except _OcrOff:
            unread_scans = "; tekstgenkendelse (OCR) er slået fra"
    finally:
        document.close()
    return _extracted(name, content, scanned, unread_scans)


def _extracted(name: str, content: PdfContent, scanned: dict[int, OcrPage], unread_scans: str) -> Extracted:
    """Clean the pages (running lines, hyphenation, reflow), label and flag them, and make passages."""
    pages = [scanned[i + 1].text if i + 1 in scanned else text for i, text in enumerate(content.texts)]
    cleaned = [clean_page_text(t) for t in pages]
    running = running_keys(cleaned)
    labels = content.labels or printed_labels([t.splitlines() for t in cleaned], running)
    texts = _without(cleaned, running)
    tocs = [is_toc_page(text, len(texts)) for text in texts]
    if not content.slides:
        texts = [text if toc else reflow(text) for text, toc in zip(texts, tocs)]  # a TOC keeps its lines
    passages = tuple(
        _passage(number, text, labels[number - 1], tocs[number - 1], scanned.get(number))
        for number, text in enumerate(texts, start=1)
        if text
    )
    if not passages:
        reason = "PDF-filen har ingen sider" if not pages else f"PDF-filen har intet tekstlag (indscannede billeder?){unread_scans}"
        raise IngestError(name, reason)
    titles = []
    if is_meaningful_title(content.title, name):
        titles.append(clean_line(content.title))
    first_line = next((line for line in passages[0].text.splitlines() if line.strip()), "")
    if first_line and len(first_line) <= _MAX_TITLE:
        titles.append(first_line)
    published = _pdf_date(content.created)
    author = clean_line(content.author)
    return Extracted(
        format=NAME,
        passages=passages,
        title_candidates=tuple(dict.fromkeys(titles)),
        dates=(("pdf-metadata", published),) if published else (),
        hints=("slides",) if content.slides else (),
        authors=(author,) if author else (),
    )


def clean_page_text(text: str) -> str:
    """Join words hyphenated across line breaks and normalise whitespace, keeping line structure."""
    text = normalize_text(text)

    def join(match: re.Match) -> str:
        before, after = match.group(1), match.group(2)
        if after.lower() in _KEEP_SPACE_AFTER:
            return f"{before}- {after}"
        continues_hyphenated = match.string[match.end() : match.end() + 1] in "-‐"
        if before.islower() and after[:1].islower() and not continues_hyphenated:
            return f"{before}{after}"
        return f"{before}-{after}"

    return _SPLIT_WORD.sub(join, text)


def reflow(text: str) -> str:
    """Join the lines of wrapped paragraphs: a line that (nearly) fills the page's width continues on
    the next line, unless that line starts a list item or is a short line after a finished sentence
    (a heading). Short lines (headings, paragraph ends) end a paragraph."""
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if line)
    width = lengths[int(len(lengths) * 0.8)] if lengths else 0  # the text width, ignoring outliers
    if width < _REFLOW_MIN_WIDTH:
        return text
    out: list[str] = []
    previous = 0
    for line in lines:
        wrapped = out and out[-1] and line and previous >= _REFLOW_FULL * width and not out[-1].endswith(":")
        heading_after_sentence = out and out[-1][-1:] in ".!?" and len(line) < _REFLOW_FULL * width
        if wrapped and not heading_after_sentence and not _LIST_ITEM.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous = len(line)
    return "\n".join(out)


def drop_running_lines(pages: list[str]) -> list[str]:
    """Remove running headers and footers: lines that recur (page numbers aside) on most pages."""
    return _without(pages, running_keys(pages))


def running_keys(pages: list[str]) -> set[str]:
    """The keys (ingest.pdf_pages.line_key) of lines that recur on most pages: running headers and
    footers, with their page numbers in any form ("iv", "Side 8 af 12", "75 / 96")."""
    if len(pages) < _RUNNING_MIN_PAGES:
        return set()
    counts: dict[str, int] = {}
    for text in pages:
        for key in {line_key(line) for line in text.splitlines() if line.strip()}:
            counts[key] = counts.get(key, 0) + 1
    return {key for key, n in counts.items() if n >= _RUNNING_SHARE * len(pages)}


def _without(pages: list[str], running: set[str]) -> list[str]:
    if not running:
        return pages
    return [
        normalize_text("\n".join(line for line in text.splitlines() if not is_running(line, running)))
        for text in pages
    ]


def _passage(number: int, text: str, label: str | None, toc: bool, scan: OcrPage | None) -> Passage:
    return Passage(
        number,
        text,
        page_label=label,
        toc=toc,
        ocr=scan is not None,
        ocr_confidence=scan.confidence if scan else None,
        ocr_low_confidence=scan.low_confidence if scan else False,
    )


class _OcrOff(Exception):
    pass


def _read_scans(document, scans: tuple[int, ...], data: bytes, name: str, options: ExtractOptions | None) -> dict[int, OcrPage]:
    """OCR text of the pages that are scans: {page number: OcrPage}."""
    if not scans:
        return {}
    if options is None or not options.ocr:
        raise _OcrOff
    return ocr_pages(document, list(scans), hashlib.sha256(data).hexdigest(), options, name)


def _pdf_date(raw: str):
    """PDF dates look like "D:20210422093000+02'00'"."""
    if not raw:
        return None
    return parse_iso_date(raw[2:] if raw.startswith("D:") else raw)
