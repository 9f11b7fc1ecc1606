"""Reading a PDF that PDFium cannot open, with pypdf: pypdf's lenient parser recovers some damaged
files PDFium refuses (a trailer without /Root, whose catalog pypdf finds by searching the objects).
Such a file is read in content-stream order, without the column check or OCR (both need PDFium).
"""

from __future__ import annotations

import io
import logging
import warnings

from pypdf import PdfReader
from pypdf.errors import DependencyError, PdfReadError, PyPdfError

from ingest.errors import IngestError
from ingest.messages import cannot_read
from ingest.pdf_read import PASSWORD_PROTECTED, SLIDE_RATIO, PdfContent


def recover(data: bytes, name: str) -> PdfContent:
    """The content of a PDF read by pypdf; an IngestError with pypdf's reason when it cannot."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            _unlock(reader, name)
            texts = tuple(page.extract_text() or "" for page in reader.pages)
            metadata = reader.metadata or {}
            return PdfContent(
                texts=texts,
                title=_text(metadata.get("/Title")),
                author=_text(metadata.get("/Author")),
                created=_text(metadata.get("/CreationDate")),
                labels=_defined_labels(reader),
                slides=_looks_like_slides(reader),
            )
    except IngestError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, ZeroDivisionError) as exc:
        raise IngestError(name, cannot_read("PDF-filen", f"{type(exc).__name__}: {exc}")) from exc


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _defined_labels(reader: PdfReader) -> tuple[str, ...] | None:
    root = reader.trailer.get("/Root")
    if root is None or "/PageLabels" not in root.get_object():
        return None
    labels = tuple(reader.page_labels)
    return labels if len(labels) == len(reader.pages) else None


def _unlock(reader: PdfReader, name: str) -> None:
    if not reader.is_encrypted:
        return
    try:
        unlocked = reader.decrypt("")
    except (NotImplementedError, PdfReadError, PyPdfError, DependencyError) as exc:
        raise IngestError(name, f"PDF-filen er krypteret og kan ikke åbnes ({exc})") from exc
    if not unlocked:
        raise IngestError(name, PASSWORD_PROTECTED)


def _looks_like_slides(reader: PdfReader) -> bool:
    try:
        box = reader.pages[0].mediabox
        return float(box.width) > float(box.height) * SLIDE_RATIO
    except (IndexError, PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return False
