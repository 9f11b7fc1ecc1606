"""Safe, collision-free names for uploaded files and new meeting folders (pure rules, plus one
exclusive create that never overwrites).

An uploaded name keeps its words but loses what could harm: folders ("../", "a/b", "a\\b"), control
characters, a leading dot or "~$" (hidden and lock files the scan skips), characters Windows cannot
store; it is NFC-normalised and cut to MAX_BYTES of UTF-8, keeping the extension. TOML names are
refused: they are the corpus's metadata, not documents.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import date
from pathlib import Path

from ingest.normalize import slugify
from ingest.registry import extension, is_supported, supported_extensions

MAX_BYTES = 200
MAX_SLUG = 60
_FORBIDDEN = re.compile(r'[<>:"|?*]')
_SPACES = re.compile(r"\s+")


class UnsafeName(ValueError):
    """A name that cannot be stored; the message is Danish, for the coordinator."""


def safe_filename(raw: str) -> str:
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch) not in ("Cc", "Cf"))
    name = _SPACES.sub(" ", _FORBIDDEN.sub("-", name)).strip()
    name = name.lstrip(". ~$").rstrip(". ")
    if name.lower().endswith(".toml"):
        raise UnsafeName(f"»{raw}« er en metadatafil (.toml) og kan ikke uploades som materiale.")
    if not is_supported(name):
        allowed = ", ".join(ext.lstrip(".").upper() for ext in supported_extensions())
        raise UnsafeName(f"»{raw}« har et filformat, som Klimaviden ikke kan læse. Tilladt er: {allowed}.")
    return _fit(name)


def _fit(name: str) -> str:
    ext = extension(name)
    stem = name[: len(name) - len(ext)].rstrip(". ") or "fil"
    budget = MAX_BYTES - len(ext.encode("utf-8"))
    while len(stem.encode("utf-8")) > budget:
        stem = stem[:-1]
    return stem.rstrip(". ") + ext


def numbered(name: str, number: int) -> str:
    """rapport.pdf, 2 -> rapport-2.pdf (still within MAX_BYTES)."""
    ext = extension(name)
    suffix = f"-{number}{ext}"
    stem = name[: len(name) - len(ext)]
    while len((stem + suffix).encode("utf-8")) > MAX_BYTES:
        stem = stem[:-1]
    return stem + suffix


def create_exclusive(folder: Path, name: str) -> tuple[str, int]:
    """Creates a new empty file named `name` in `folder`, or name-2, name-3, ... when taken (also by a
    sidecar or a file in the trash under that name); returns the name used and an open fd."""
    number = 1
    while True:
        candidate = name if number == 1 else numbered(name, number)
        path = Path(folder) / candidate
        if not Path(str(path) + ".meta.toml").exists():
            try:
                return candidate, os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                pass
        number += 1


def meeting_folder_name(meeting_date: date, title: str) -> str:
    """2021-04-29 + "Erhvervspartnerskaber og sektorkobling" -> "2021-04-29-erhvervspartnerskaber-og-sektorkobling"."""
    slug = slugify(title)[:MAX_SLUG].strip("-") or "moede"
    return f"{meeting_date.isoformat()}-{slug}"
