"""A PDF page as an image, rendered on the server with PDFium, and where the query's words lie on it.

Images are cached in the data folder (DATA_DIR/sider/<file checksum>/<page>-<width>.png), never in
the index, so a changed file gets new images and an unchanged one is rendered once. The word boxes
are fractions of the page (0..1 from the top left), for an SVG overlay: no script, no inline style.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from index.snippets import word_bounds

# Image widths in pixels: the page view and the thumbnail beside a result.
PAGE_WIDTH = 1000
THUMB_WIDTH = 120
WIDTHS = (PAGE_WIDTH, THUMB_WIDTH)
_CHECKSUM = re.compile(r"^[0-9a-f]{16,128}$")
# PDFium is not thread-safe: every call into it, opening to closing, holds this lock (the
# development server and gunicorn's threads would otherwise crash the process).
_PDFIUM = threading.Lock()


class PageUnavailable(Exception):
    """The page cannot be shown as an image (not a page of the file, or the file cannot be read)."""


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float


def cached_image(pdf_path: Path, checksum: str, page: int, width: int, data_dir: Path) -> Path:
    """The PNG of one page at `width` pixels, rendered once per file version and kept in data_dir."""
    if width not in WIDTHS or not _CHECKSUM.match(checksum or ""):
        raise PageUnavailable("unknown size or file version")
    target = Path(data_dir) / "sider" / checksum / f"{page}-{width}.png"
    if target.is_file():
        return target
    with _PDFIUM:
        image = _render(pdf_path, page, width)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            image.save(out, format="PNG", optimize=True)
        os.replace(temporary, target)  # readers see the whole image or none
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _render(pdf_path: Path, page: int, width: int):
    pdf = _open(pdf_path, page)
    try:
        sheet = pdf[page - 1]
        try:
            bitmap = sheet.render(scale=width / sheet.get_width())
            try:
                return bitmap.to_pil().convert("RGB")  # a copy: the bitmap's memory is freed below
            finally:
                bitmap.close()
        finally:
            sheet.close()
    finally:
        pdf.close()


def page_size(pdf_path: Path, page: int) -> tuple[float, float]:
    """(width, height) of a page in points."""
    with _PDFIUM:
        pdf = _open(pdf_path, page)
        try:
            sheet = pdf[page - 1]
            size = sheet.get_size()
            sheet.close()
            return size
        finally:
            pdf.close()


def word_boxes(pdf_path: Path, page: int, pattern: re.Pattern | None) -> list[Box]:
    """Where the words the pattern matches lie on the page, as fractions of its width and height."""
    if pattern is None:
        return []
    with _PDFIUM:
        return _word_boxes(pdf_path, page, pattern)


def _word_boxes(pdf_path: Path, page: int, pattern: re.Pattern) -> list[Box]:
    pdf = _open(pdf_path, page)
    try:
        sheet = pdf[page - 1]
        text_page = sheet.get_textpage()
        try:
            width, height = sheet.get_size()
            text = text_page.get_text_range()
            boxes = []
            for match in pattern.finditer(text):
                start, end = word_bounds(text, match.start(), match.end())
                for index in range(text_page.count_rects(start, end - start)):
                    left, bottom, right, top = text_page.get_rect(index)
                    boxes.append(Box(left / width, 1 - top / height, (right - left) / width, (top - bottom) / height))
            return boxes
        finally:
            text_page.close()
            sheet.close()
    finally:
        pdf.close()


def _open(pdf_path: Path, page: int):
    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except pdfium.PdfiumError as exc:
        raise PageUnavailable(str(exc)) from exc
    if not 1 <= page <= len(pdf):
        pdf.close()
        raise PageUnavailable("not a page of the file")
    return pdf
