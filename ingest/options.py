"""What the caller decides about extraction beyond the file itself: whether scanned pages are read
by OCR, where OCR text is kept between runs, and OCR's time limit per page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from klimaviden.config import Settings, resolve_settings

OCR_PAGE_SECONDS = 30.0  # Tesseract takes 1-4 s a page; a page past this is given up (not indexed)


@dataclass(frozen=True)
class ExtractOptions:
    ocr: bool = True
    data_dir: Path | None = None  # the OCR cache is <data_dir>/ocr; None keeps no cache
    ocr_page_seconds: float = OCR_PAGE_SECONDS

    @classmethod
    def from_settings(cls, settings: Settings) -> "ExtractOptions":
        return cls(ocr=settings.ocr, data_dir=settings.data)


NO_OCR = ExtractOptions(ocr=False)


def options_from_environment() -> ExtractOptions:
    """KLIMAVIDEN_OCR and KLIMAVIDEN_DATA (default ./var/data), for callers that pass no options."""
    return ExtractOptions.from_settings(resolve_settings())
