"""Rules for the printed furniture of PDF pages: page numbers in any form, running lines' keys,
printed page labels and table-of-contents pages. Pure functions over page text."""

from __future__ import annotations

import re

# A page number as printed at the start or end of a running line: "7", "iv", "Side 8 af 12",
# "side 8", "75 / 96", "8/12", "- 8 -", "Page 3 of 9".
_ROMAN = r"(?=[ivxlcdm]+\b)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_LETTERS = frozenset("ivxlcdm")
_NUMBER = rf"(?:\d{{1,4}}|{_ROMAN})"


def _page_number(number: str) -> str:
    return (
        rf"(?P<number>(?:[-–]\s*)?(?:(?:side|s\.|page|p\.)\s*)?(?P<label>{number})"
        rf"(?:\s*(?:/|af|of|ud af)\s*\d{{1,4}})?(?:\s*[-–](?!\S))?)"
    )


# at the end of a line any form; at the start only arabic ("Vi bor i" starts with no page number)
_ARABIC = r"\d{1,4}"
_EDGE = r"(?:^|(?<=[\s|·•–-]))"
_AT_END = re.compile(_EDGE + _page_number(_NUMBER) + r"\s*$", re.IGNORECASE)
_AT_END_ARABIC = re.compile(_EDGE + _page_number(_ARABIC) + r"\s*$", re.IGNORECASE)
_AT_START = re.compile(r"^\s*" + _page_number(_ARABIC) + r"(?=$|\s+\S)", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")

# Table of contents and index pages
_TOC_HEADING = re.compile(
    r"^\s*(?:\d+\.?\s*)?(?:indhold|indholdsfortegnelse|indholdsoversigt|indhold og opbygning|"
    r"stikordsregister|register|contents|table of contents|index)\s*:?\s*$",
    re.IGNORECASE,
)
_LEADER = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ){3,}|_{4,}|·{3,})\s*\S{1,8}\s*$")
_ENDS_IN_NUMBER = re.compile(r"^\s*\S.*?[^\d\s./-]\s+(?P<n>\d{1,4})\s*$")
_TOC_MIN_LINES = 4
_TOC_SHARE = 0.6
_LEADER_MIN = 3


def page_number_at_edge(line: str) -> str | None:
    """The page number printed at the end (or start) of a line, as printed ("iv", "75"), else None.

    >>> page_number_at_edge("Klimaplan 2030 · side 8 af 12")
    '8'
    >>> page_number_at_edge("Bookworm iv")
    'iv'
    """
    for pattern in (_AT_END, _AT_START):
        match = pattern.search(line)
        if match and match.group("label"):
            return match.group("label")
    return None


def line_key(line: str, roman: bool = False) -> str:
    """A line with its page number ("Side 8 af 12", "75 / 96") and all digits made '#': the same
    running header on every page has one key.

    With ``roman``, a roman page number at the end counts too, so that front matter's "Bookworm iv"
    has the key of the body's "Bookworm 75 / 96". Running lines are found by the arabic keys
    (a line ending in "xx" on a few pages is no running line) and dropped by either."""
    text = line.strip().lower()
    for pattern in (_AT_END if roman else _AT_END_ARABIC, _AT_START):
        match = pattern.search(text)
        if match:
            text = f"{text[: match.start('number')]}#{text[match.end('number') :]}"
    return _DIGITS.sub("#", text)


def printed_labels(pages: list[list[str]], running_keys: set[str]) -> list[str | None]:
    """Each page's printed page number, read from its running lines (those whose key recurs on
    most pages), or None. Only trusted when the numbers of consecutive arabic pages count up."""
    labels: list[str | None] = []
    for lines in pages:
        label = None
        for line in lines:
            if is_running(line, running_keys):
                label = page_number_at_edge(line)
                if label:
                    break
        labels.append(label.lower() if label and not label.isdigit() else label)
    return labels if _counts_up(labels) else [None] * len(labels)


def is_running(line: str, running_keys: set[str]) -> bool:
    """Whether a line is one of the running lines (by its key, or its key with a roman number)."""
    if not line.strip():
        return False
    if line_key(line) in running_keys:
        return True
    return line.rstrip()[-1].lower() in _ROMAN_LETTERS and line_key(line, roman=True) in running_keys


def _counts_up(labels: list[str | None]) -> bool:
    numbered = [(i, int(label)) for i, label in enumerate(labels) if label and label.isdigit()]
    if not any(labels):
        return False
    offsets = {n - i for i, n in numbered}
    return len(offsets) <= 1


def is_toc_page(text: str, page_count: int) -> bool:
    """A table of contents or an index: a heading such as "Indhold", dotted leaders, or mostly
    lines ending in page numbers that count up and stay within the document's pages."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    heading = any(_TOC_HEADING.match(line) for line in lines[:4])
    leaders = sum(1 for line in lines if _LEADER.search(line))
    numbers = [int(m.group("n")) for line in lines if (m := _ENDS_IN_NUMBER.match(line))]
    plausible = (
        len(numbers) >= _TOC_MIN_LINES
        and numbers == sorted(numbers)
        and max(numbers) <= page_count
    )
    if heading and (leaders >= 2 or plausible or len(numbers) >= 2):
        return True
    if leaders >= _LEADER_MIN:
        return True
    return plausible and len(numbers) >= _TOC_SHARE * len(lines)
