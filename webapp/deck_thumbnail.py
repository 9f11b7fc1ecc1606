"""The thumbnail PowerPoint keeps of a deck's first slide (docProps/thumbnail.jpeg), for the slide
cards of the document page.

Decks written by python-pptx carry its template's generic picture instead of a view of their own
first slide; that picture says nothing about the deck and is treated as no thumbnail at all.
"""

from __future__ import annotations

import hashlib
import zipfile
from functools import lru_cache
from importlib import resources
from pathlib import Path

THUMBNAIL_PART = "docProps/thumbnail.jpeg"
MAX_BYTES = 2 * 1024 * 1024  # a real thumbnail is a few KB; anything larger is not one


def deck_thumbnail(path: Path) -> bytes | None:
    """The JPEG of the deck's own first-slide thumbnail, or None (none, unreadable, a placeholder)."""
    try:
        with zipfile.ZipFile(path) as deck:
            info = deck.getinfo(THUMBNAIL_PART)
            if info.file_size > MAX_BYTES:
                return None
            data = deck.read(info)
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return None
    if not data.startswith(b"\xff\xd8") or hashlib.sha256(data).digest() in _placeholders():
        return None
    return data


@lru_cache(maxsize=1)
def _placeholders() -> frozenset[bytes]:
    """Hashes of thumbnails that are no view of the deck: python-pptx's template picture."""
    try:
        template = resources.files("pptx").joinpath("templates/default.pptx")
        with template.open("rb") as handle, zipfile.ZipFile(handle) as deck:
            return frozenset({hashlib.sha256(deck.read(THUMBNAIL_PART)).digest()})
    except (ModuleNotFoundError, OSError, KeyError, zipfile.BadZipFile):
        return frozenset()
