"""Reading scanned pages: render with PDFium (pypdfium2), recognise with Tesseract (pytesseract).

Tesseract runs as its own process per page (pytesseract calls the `tesseract` program), so a page
that takes too long is stopped by its time limit without harming the parser. The Danish and English
models are used together, and the page's orientation is detected first (Tesseract's OSD), so a
page scanned sideways or upside down is turned before it is read.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)

LANGUAGES = "dan+eng"
RENDER_DPI = 300
CONFIDENCE_FLOOR = 60.0  # mean word confidence (0-100) below which a page is marked uncertain
_ROTATE = re.compile(r"Rotate:\s*(\d+)")


class OcrUnavailable(Exception):
    """Tesseract (or its Danish model) is not installed."""


@dataclass(frozen=True)
class OcrPage:
    """The text Tesseract read on one page, its mean word confidence (0-100) and the rotation
    (degrees clockwise) that was applied before reading."""

    text: str
    confidence: float
    rotation: int = 0

    @property
    def low_confidence(self) -> bool:
        return self.confidence < CONFIDENCE_FLOOR

    def as_dict(self) -> dict:
        return {"text": self.text, "confidence": self.confidence, "rotation": self.rotation}

    @classmethod
    def from_dict(cls, data: dict) -> "OcrPage":
        return cls(str(data["text"]), float(data["confidence"]), int(data.get("rotation", 0)))


@lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    """The installed Tesseract's version with the dan and eng models, or None when OCR cannot run."""
    try:
        import pytesseract
    except ImportError:
        return None
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        return None
    try:
        version = str(pytesseract.get_tesseract_version())
        languages = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError, RuntimeError):
        return None
    if not {"dan", "eng"} <= languages:
        return None
    return version


def missing_reason() -> str:
    """Why OCR cannot run here, in words for a log or a skipped test."""
    return (
        "Tesseract med den danske model er ikke installeret "
        "(Debian: sudo apt-get install tesseract-ocr tesseract-ocr-dan tesseract-ocr-eng)"
    )


def render_page(page, dpi: int = RENDER_DPI):
    """A pypdfium2 page as a greyscale PIL image."""
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    try:
        return bitmap.to_pil()
    finally:
        bitmap.close()


def read_image(image, timeout: float) -> OcrPage:
    """Tesseract's text of an image: orientation detected and corrected, then dan+eng.

    Raises TimeoutError when Tesseract takes longer than ``timeout`` seconds (for either step)."""
    import pytesseract

    # One thread per Tesseract: the parser workers already keep every core busy, and Tesseract's
    # OpenMP threads would only fight them (and each other) for it.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    rotation = _orientation(image, timeout)
    if rotation:
        image = image.rotate(-rotation, expand=True)
    try:
        data = pytesseract.image_to_data(
            image, lang=LANGUAGES, config="--psm 3", output_type=pytesseract.Output.DICT, timeout=timeout
        )
    except RuntimeError as exc:  # pytesseract's timeout
        raise TimeoutError(f"Tesseract brugte mere end {timeout:g} s") from exc
    return OcrPage(_lines(data), _mean_confidence(data), rotation)


def _orientation(image, timeout: float) -> int:
    """Degrees to turn the page clockwise, from Tesseract's orientation detection; 0 when it
    cannot tell (too little text)."""
    import pytesseract

    small = image.resize((max(1, image.width // 2), max(1, image.height // 2)))  # 150 dpi: 3x faster
    try:
        osd = pytesseract.image_to_osd(small, config="--psm 0 -c min_characters_to_try=10", timeout=timeout)
    except pytesseract.TesseractError:
        return 0
    except RuntimeError as exc:
        raise TimeoutError(f"Tesseract brugte mere end {timeout:g} s") from exc
    match = _ROTATE.search(osd)
    return int(match.group(1)) % 360 if match else 0


def _lines(data: dict) -> str:
    """Words joined into lines, lines into paragraphs (a blank line between blocks/paragraphs)."""
    lines: list[str] = []
    current: list[str] = []
    key = None
    for i, word in enumerate(data["text"]):
        if not word or not word.strip():
            continue
        line_key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if key is not None and line_key != key:
            lines.append(" ".join(current))
            if line_key[:2] != key[:2]:
                lines.append("")
            current = []
        current.append(word.strip())
        key = line_key
    if current:
        lines.append(" ".join(current))
    return "\n".join(lines).strip()


def _mean_confidence(data: dict) -> float:
    scores = [float(c) for c, w in zip(data["conf"], data["text"]) if w and w.strip() and float(c) >= 0]
    return round(sum(scores) / len(scores), 1) if scores else 0.0
