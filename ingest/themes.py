"""The meeting theme(s) a text names in the network's own words: "Tema: …", "temaet er …",
"sættes der spot på …". Pure functions."""

from __future__ import annotations

import re

_PATTERNS = (
    re.compile(r"^\s*(?:mødets\s+)?tema\s*:\s*(?P<theme>[^\n]+)", re.IGNORECASE | re.MULTILINE),
    re.compile(
        r"\b(?:mødets\s+|dagens\s+)?temaet\s+(?:for\s+[\wæøå ]{1,30}?\s+)?(?:er|bliver|var)\s+(?P<theme>[^\n.!?]+)",
        re.IGNORECASE,
    ),
    re.compile(r"\bsættes\s+(?:der\s+)?(?:fokus|spot|lys)\s+på\s+(?P<theme>[^\n.!?]+)", re.IGNORECASE),
)
# A theme ends before a relative clause or a new clause: "..., der skal ...", "... og drøfter ...".
_CLAUSE_END = re.compile(r",\s*(?:der|som|hvor|hvilket|og\s+(?:der|vi|I))\b|\s+[–-]\s+|;|:", re.IGNORECASE)
_MAX_WORDS = 12
_NEXT_OR_EARLIER = re.compile(r"\b(næste|tidligere|sidste|forrige)\b[^.\n]{0,80}$", re.IGNORECASE)


def find_themes(text: str) -> tuple[str, ...]:
    """Themes stated in the text, in order, without repeats; phrases about the next or earlier
    meetings ("Næste gang ... er temaet ...") are not this text's theme."""
    found: list[str] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            sentence_start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start()))
            if _NEXT_OR_EARLIER.search(text[sentence_start + 1 : match.start()]):
                continue
            theme = clean_theme(match.group("theme"))
            if theme and theme.lower() not in (t.lower() for t in found):
                found.append(theme)
    return tuple(found)


def clean_theme(raw: str) -> str | None:
    """Cut a theme phrase at its clause end, trim it, capitalise it; None when nothing is left."""
    cut = _CLAUSE_END.search(raw)
    theme = raw[: cut.start()] if cut else raw
    theme = " ".join(theme.split()).strip(" ,;:\"'“”»«")
    words = theme.split()
    if not words or len(words) > _MAX_WORDS:
        return None
    return theme[0].upper() + theme[1:]
