"""Which PDF pages are scans, and their text read by OCR (from the cache when it was read before).

Only a page with (almost) no text layer and an image on it is read: a page with text is never
OCR'd, and a blank page (no image) has nothing to read.
"""

from __future__ import annotations

import logging
import time

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pytesseract import TesseractError

from ingest.ocr import OcrPage, OcrUnavailable, missing_reason, read_image, render_page, tesseract_version
from ingest.ocr_cache import OcrCache
from ingest.options import ExtractOptions
from ingest.workers import extend_deadline

log = logging.getLogger(__name__)

MIN_TEXT_CHARS = 20  # a page with fewer characters in its text layer is taken for a scan
_RENDER_SECONDS = 10.0  # rendering a page, on top of Tesseract's own limit


def is_scan(text: str, page) -> bool:
    """Whether a pypdfium2 page with this text layer is a scan: (almost) no text, and an image
    (looked for only when the text is too little)."""
    return len("".join(text.split())) < MIN_TEXT_CHARS and has_image(page)


def has_image(page) -> bool:
    """Whether a pypdfium2 page draws an image (a scan is one)."""
    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)), None) is not None


def ocr_pages(document, numbers: list[int], checksum: str, options: ExtractOptions, name: str) -> dict[int, OcrPage]:
    """{page number: OcrPage} for the given 1-based pages of a pypdfium2 document.

    Raises OcrUnavailable when Tesseract is missing. A page that takes longer than the per-page
    limit is left out (and logged); the others are still read."""
    version = tesseract_version()
    if version is None:
        raise OcrUnavailable(missing_reason())
    cache = OcrCache(options.data_dir, version) if options.data_dir else None
    results: dict[int, OcrPage] = {}
    for number in numbers:
        cached = cache.get(checksum, number) if cache else None
        if cached is not None:
            results[number] = cached
            continue
        extend_deadline(options.ocr_page_seconds * 2 + _RENDER_SECONDS)  # orientation + reading
        started = time.perf_counter()
        try:
            result = _read_page(document, number, options.ocr_page_seconds)
        except (TimeoutError, pdfium.PdfiumError, TesseractError, OSError) as exc:
            log.warning("%s: page %d was not read by OCR: %s", name, number, exc)
            continue
        log.info("%s: page %d read by OCR in %.1f s (confidence %.0f)", name, number,
                 time.perf_counter() - started, result.confidence)
        results[number] = result
        if cache:
            cache.put(checksum, number, result)
    return results


def _read_page(document, number: int, timeout: float) -> OcrPage:
    page = document[number - 1]
    try:
        return read_image(render_page(page), timeout)
    finally:
        page.close()
