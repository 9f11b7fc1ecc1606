"""The Content-Disposition header of an original file (RFC 6266): the name a browser saves it as.

A file name may hold anything the file system allows, line breaks and other control characters
included; the header carries a cleaned name, as UTF-8 in ``filename*`` and as a plain ASCII
``filename`` for old clients. Pure functions.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

FALLBACK_NAME = "fil"


def clean_file_name(name: str) -> str:
    """The name without control characters or line separators (each becomes a space, runs collapse)."""
    visible = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in name)
    return " ".join(unicodedata.normalize("NFC", visible).split()) or FALLBACK_NAME


def ascii_file_name(name: str) -> str:
    """An ASCII stand-in: letters without accents (æ, ø, å spelled out), other characters as "_"."""
    spelled = name.translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}))
    plain = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode("ascii")
    return "".join(ch if ch.isprintable() and ch not in '"\\%' else "_" for ch in plain).strip() or FALLBACK_NAME


def content_disposition(name: str, *, attachment: bool) -> str:
    """'attachment; filename="rapport.pdf"; filename*=UTF-8''rapport.pdf' for any file name."""
    clean = clean_file_name(name)
    kind = "attachment" if attachment else "inline"
    return f"{kind}; filename=\"{ascii_file_name(clean)}\"; filename*=UTF-8''{quote(clean, safe='')}"
