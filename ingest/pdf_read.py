"""Reading a PDF's pages and metadata with PDFium (pypdfium2): the file is opened once, and each
page's text layer, its column boxes and whether it is a scan come from the same page load.

PDFium's text is C code (about a tenth of a millisecond a page) where pypdf's content-stream
parsing in Python took about 3 ms; on the corpora it gives the same words and lines once cleaned
(tests/ingest/test_ingest_pdf_read.py). A file PDFium cannot open is read by ingest.pdf_recover.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.errors import IngestError
from ingest.pdf_layout import page_text
from ingest.pdf_ocr import is_scan

log = logging.getLogger(__name__)

PASSWORD_PROTECTED = "PDF-filen er krypteret med en adgangskode"
SLIDE_RATIO = 1.2  # landscape pages, as an exported slide deck has, are this much wider than high


@dataclass(frozen=True)
class PdfContent:
    """What a PDF says before its pages are cleaned: each physical page's text (lines end in "\\n";
    a word hyphenated at a line end keeps "-\\n"), the metadata, the page labels the PDF defines,
    whether its pages are slides, and which pages (1-based) are scans without a text layer."""

    texts: tuple[str, ...]
    title: str = ""
    author: str = ""
    created: str = ""
    labels: tuple[str, ...] | None = None
    slides: bool = False
    scans: tuple[int, ...] = ()


def open_document(data: bytes, name: str) -> pdfium.PdfDocument | None:
    """The PDF opened by PDFium (with the empty user password, as a viewer opens a file that only
    has an owner password), or None when PDFium cannot open it. A password is an IngestError."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(name, PASSWORD_PROTECTED) from exc
        log.debug("%s: PDFium cannot open the PDF: %s", name, exc)
        return None


def read_document(document: pdfium.PdfDocument, name: str) -> PdfContent:
    """The content of a PDF that PDFium opened, each page loaded once. A page PDFium cannot load
    counts as a blank page."""
    slides = False
    texts: list[str] = []
    scans: list[int] = []
    for index in range(len(document)):
        try:
            page = document[index]
        except pdfium.PdfiumError as exc:
            log.warning("%s: page %d cannot be read: %s", name, index + 1, exc)
            texts.append("")
            continue
        try:
            if index == 0:
                slides = _is_landscape(page)
            text = page_text(page, columns=not slides)
            if is_scan(text, page):
                scans.append(index + 1)
        except pdfium.PdfiumError as exc:
            log.warning("%s: the text of page %d cannot be read: %s", name, index + 1, exc)
            text = ""
        finally:
            page.close()
        texts.append(text)
    return PdfContent(
        texts=tuple(texts),
        title=document.get_metadata_value("Title"),
        author=document.get_metadata_value("Author"),
        created=document.get_metadata_value("CreationDate"),
        labels=_defined_labels(document),
        slides=slides,
        scans=tuple(scans),
    )


def _defined_labels(document: pdfium.PdfDocument) -> tuple[str, ...] | None:
    """The page labels the PDF defines (/PageLabels: "i", "ii", ..., "1"), or None. PDFium gives
    no label at all (length 0) when the PDF defines none, and else one for every page."""
    if not len(document) or pdfium_c.FPDF_GetPageLabel(document, 0, None, 0) == 0:
        return None
    return tuple(document.get_page_label(index) for index in range(len(document)))


def _is_landscape(page: pdfium.PdfPage) -> bool:
    """Whether the first page is landscape (its box, its /Rotate aside), as exported slides are:
    the document is then read as slides."""
    left, bottom, right, top = page.get_bbox()
    return abs(right - left) > abs(top - bottom) * SLIDE_RATIO
