"""PDF reports and exported slide decks: one passage per page, words split at line ends joined."""

from __future__ import annotations

import io
import logging
import re
import warnings

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

from ingest.dates import parse_iso_date
from ingest.document import Passage
from ingest.errors import IngestError
from ingest.extracted import Extracted
from ingest.normalize import clean_line, is_meaningful_title, normalize_text

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


def extract(data: bytes, name: str) -> Extracted:
    if not data.strip():
        raise IngestError(name, "the file is empty")
    if MAGIC not in data[:1024]:
        raise IngestError(name, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(name, "the PDF is truncated (no end-of-file marker)")
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            _unlock(reader, name)
            pages = [page.extract_text() or "" for page in reader.pages]
            metadata = reader.metadata or {}
            meta_title = metadata.get("/Title")
            author = metadata.get("/Author")
            created = metadata.get("/CreationDate")
    except IngestError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, ZeroDivisionError) as exc:
        raise IngestError(name, f"the PDF cannot be read ({type(exc).__name__}: {exc})") from exc
    slides = _looks_like_slides(reader)
    texts = drop_running_lines([clean_page_text(t) for t in pages])
    if not slides:
        texts = [reflow(t) for t in texts]
    passages = tuple(Passage(number, text) for number, text in enumerate(texts, start=1) if text)
    if not passages:
        reason = "the PDF has no pages" if not pages else "the PDF has no text layer (scanned images?)"
        raise IngestError(name, reason)
    titles = []
    if isinstance(meta_title, str) and is_meaningful_title(meta_title, name):
        titles.append(clean_line(meta_title))
    first_line = next((line for line in passages[0].text.splitlines() if line.strip()), "")
    if first_line and len(first_line) <= _MAX_TITLE:
        titles.append(first_line)
    published = _pdf_date(created)
    return Extracted(
        format=NAME,
        passages=passages,
        title_candidates=tuple(dict.fromkeys(titles)),
        dates=(("pdf-metadata", published),) if published else (),
        hints=("slides",) if slides else (),
        authors=(clean_line(author),) if isinstance(author, str) and clean_line(author) else (),
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
    if len(pages) < _RUNNING_MIN_PAGES:
        return pages
    counts: dict[str, int] = {}
    for text in pages:
        for key in {_line_key(line) for line in text.splitlines() if line.strip()}:
            counts[key] = counts.get(key, 0) + 1
    running = {key for key, n in counts.items() if n >= _RUNNING_SHARE * len(pages)}
    return [
        normalize_text("\n".join(line for line in text.splitlines() if _line_key(line) not in running))
        for text in pages
    ]


def _line_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _unlock(reader: PdfReader, name: str) -> None:
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except (NotImplementedError, PdfReadError, PyPdfError, DependencyError) as exc:
        raise IngestError(name, f"the PDF is encrypted and cannot be opened ({exc})") from exc
    if not unlocked:
        raise IngestError(name, "the PDF is encrypted with a password")


def _pdf_date(raw: object):
    """PDF dates look like "D:20210422093000+02'00'"."""
    if not isinstance(raw, str):
        return None
    return parse_iso_date(raw[2:] if raw.startswith("D:") else raw)


def _looks_like_slides(reader: PdfReader) -> bool:
    """Landscape pages, as an exported slide deck has."""
    try:
        box = reader.pages[0].mediabox
        return float(box.width) > float(box.height) * 1.2
    except (IndexError, PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return False

