"""Small pure text helpers: slugs, whitespace, and telling a real title from a generated one."""

from __future__ import annotations

import re
import unicodedata

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")
_GENERATED_TITLE = re.compile(
    r"^(microsoft (word|powerpoint|excel)\s*-|untitled|unknown|uden titel|dokument\d*$|document\d*$"
    r"|powerpoint[- ]pr(æ|ae)sentation|pr(æ|ae)sentation\d*$|dias \d+$|slide \d+$)",
    re.IGNORECASE,
)
_FILE_EXTENSION = re.compile(r"\.(docx?|pptx?|pdf|txt|md|html?|xlsx?|odt|rtf)$", re.IGNORECASE)


def slugify(text: str) -> str:
    """"Erhvervspartnerskaber og sektorkobling" -> "erhvervspartnerskaber-og-sektorkobling"."""
    text = unicodedata.normalize("NFC", text).translate(_DANISH).lower()
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def clean_line(text: str) -> str:
    """One line of text: every run of whitespace (line breaks included) becomes one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def normalize_text(text: str) -> str:
    """Multi-line text with spaces collapsed per line, no trailing blanks and at most one empty line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def title_from_filename(name: str) -> str:
    """A readable fallback title: "di-rapport_sektorkobling.pdf" -> "Di rapport sektorkobling"."""
    stem = name.rsplit("/", 1)[-1]
    stem = _FILE_EXTENSION.sub("", stem)
    words = clean_line(re.sub(r"[-_]+", " ", stem))
    return words[:1].upper() + words[1:] if words else name


def is_meaningful_title(title: str | None, name: str = "") -> bool:
    """False for empty, generated ("Microsoft Word - x.docx", "PowerPoint-præsentation") or file-name titles."""
    if not title:
        return False
    title = clean_line(title)
    if len(title) < 3 or not any(ch.isalpha() for ch in title):
        return False
    if _GENERATED_TITLE.match(title) or _FILE_EXTENSION.search(title):
        return False
    base = name.rsplit("/", 1)[-1]
    stem = _FILE_EXTENSION.sub("", base)
    return title.lower() not in {base.lower(), stem.lower()}
