"""Finding the dates Danish text states: datelines, meeting phrases, "Dato:" fields. Pure functions.

Dates are parsed by python-dateutil through a Danish ``parserinfo``; regular expressions only find
where a date phrase is. A date without a year takes the year of the publication date and rolls
forward a year when that day had already passed when the text was published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from dateutil import parser as dateutil_parser


class DanishParserInfo(dateutil_parser.parserinfo):
    """Danish month names and abbreviations, weekdays, and the filler words "den"/"d."."""

    MONTHS = [
        ("jan", "januar"),
        ("feb", "februar"),
        ("mar", "mart", "marts"),
        ("apr", "april"),
        ("maj",),
        ("jun", "juni"),
        ("jul", "juli"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("okt", "oktober"),
        ("nov", "november"),
        ("dec", "december"),
    ]
    WEEKDAYS = [
        ("man", "mandag"),
        ("tir", "tirs", "tirsdag"),
        ("ons", "onsdag"),
        ("tor", "tors", "torsdag"),
        ("fre", "fredag"),
        ("lør", "lørdag"),
        ("søn", "søndag"),
    ]
    JUMP = dateutil_parser.parserinfo.JUMP + ["den", "d", "kl", "klokken"]
    HMS = [("t", "time", "timer"), ("m", "minut", "minutter"), ("s", "sekund", "sekunder")]
    AMPM = [("am",), ("pm",)]

    def __init__(self) -> None:
        super().__init__(dayfirst=True, yearfirst=False)


_INFO = DanishParserInfo()

_MONTH_WORDS = sorted({w for names in DanishParserInfo.MONTHS for w in names}, key=len, reverse=True)
_WEEKDAY_WORDS = sorted({w for names in DanishParserInfo.WEEKDAYS for w in names}, key=len, reverse=True)
_WEEKDAY = r"(?:(?:%s)\.?,?\s+)" % "|".join(_WEEKDAY_WORDS)
_TEXT_DATE = (
    r"(?P<day>[0-3]?\d)\.\s*(?P<month>%s)\b\.?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    % "|".join(_MONTH_WORDS)
)
_NUMERIC_DATE = r"(?P<nday>[0-3]?\d)[./-](?P<nmonth>[01]?\d)[./-](?P<nyear>(?:19|20)\d\d)\b"
# A date phrase: optional weekday and "den", then "22. april [2021]" or "12.01.2023".
DATE = rf"(?P<date>{_WEEKDAY}?(?:den\s+|d\.\s*)?(?:{_TEXT_DATE}|{_NUMERIC_DATE}))"

_DATE_RE = re.compile(DATE, re.IGNORECASE)
_DATELINE_RE = re.compile(
    rf"^(?:(?:publiceret|udgivet|offentliggjort|opdateret|nyhed|sendt|dato)\s*:?\s*|[A-ZÆØÅ][\wæøå]+,\s+)?"
    rf"{DATE}(?:\s+(?:kl\.?\s*)?\d{{1,2}}[.:]\d\d)?\s*(?:[·|•–—]\s.*)?$",
    re.IGNORECASE,
)
_DATELINE_LINES = 8

# Meeting phrases, strongest first. Each names the date_source suffix it yields.
_MEETING_PHRASES = (
    ("dato", re.compile(rf"\b(?:møde)?dato\s*:\s*{DATE}", re.IGNORECASE)),
    (
        "referat",
        re.compile(
            rf"\breferat\s+(?:af|fra)\s+(?:det\s+)?(?:[\wæøå-]+\s+)?(?:netværks)?møde[t]?\s+"
            rf"(?:[\wæøå]+\s+){{0,3}}?{DATE}",
            re.IGNORECASE,
        ),
    ),
    # "Oplæg på netværksmødet 8. november 2022", "det kommende netværksmøde den 29. april",
    # "Netværksmøde på Klimafolkemødet i Middelfart den 2. september 2021": the date follows in the
    # same sentence.
    (
        "netværksmøde",
        re.compile(rf"\bnetværksmødet?\b[^.!?\n]{{0,80}}?(?<![\w.]){DATE}", re.IGNORECASE),
    ),
    # "Når Kommunernes klimapolitiske netværk mødes i Vejle tirsdag den 8. november".
    (
        "mødes",
        re.compile(
            rf"\b(?:netværk(?:et)?\s+mødes|mødes\s+netværket)\b[^.!?\n]{{0,60}}?(?<![\w.]){DATE}",
            re.IGNORECASE,
        ),
    ),
    # The title slide of a talk: "Kommunernes klimapolitiske netværk, 29. april 2021".
    ("netværk", re.compile(rf"\bklimapolitiske\s+netværk,?\s+{DATE}", re.IGNORECASE)),
)
_MAIL_HEADER = re.compile(r"^\s*(fra|til|emne|cc|sendt|from|to|subject|sent)\s*:", re.IGNORECASE | re.MULTILINE)
_NEXT_MEETING = re.compile(r"\b(næste|efterfølgende|sidste|forrige|tidligere)\b[\wæøå\s]{0,20}$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text and the kind of phrase that stated it (e.g. "dateline", "referat")."""

    value: date
    phrase: str


def parse_danish_date(text: str, reference: date | None = None) -> date | None:
    """Parse one Danish date phrase ("torsdag den 29. april", "22. april 2021", "12.01.2023").

    Without a year the date takes the reference's year, rolled forward when the day is before the
    reference (a text published 20 December that says "10. januar" means January next year).
    Returns None when the phrase is no valid date or has no year and there is no reference.
    """
    match = _DATE_RE.search(text)
    if not match:
        return None
    return _from_match(match, reference)


def find_dateline(text: str) -> date | None:
    """A publication dateline: a line near the top that is only a full date ("22. april 2021")."""
    for line in text.splitlines()[:_DATELINE_LINES * 3]:
        line = line.strip()
        if not line:
            continue
        match = _DATELINE_RE.match(line)
        if match and (match.group("year") or match.group("nyear")):
            found = _from_match(match, None)
            if found:
                return found
    return None


def find_meeting_date(text: str, published: date | None = None) -> FoundDate | None:
    """The date of the network meeting a text is about, from the strongest phrase it contains:
    "Dato: 12. januar 2023", "Referat af netværksmødet 2. september 2021",
    "Oplæg på netværksmødet 8. november 2022", "det kommende netværksmøde den 29. april".
    A phrase about the next or a previous meeting ("næste netværksmøde den ...") does not count.
    """
    for phrase, pattern in _MEETING_PHRASES:
        for match in pattern.finditer(text):
            if _NEXT_MEETING.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            if phrase == "dato" and _in_mail_header(text, match.start()):
                continue  # "Dato:" among "Fra:"/"Til:"/"Emne:" is when the e-mail was sent
            found = _from_match(match, published)
            if found:
                return FoundDate(found, phrase)
    return None


def find_dates(text: str, reference: date | None = None) -> list[date]:
    """Every valid date phrase in a text, in order (dates without a year need a reference)."""
    found = (_from_match(m, reference) for m in _DATE_RE.finditer(text))
    return [d for d in found if d]


def parse_iso_date(value: object) -> date | None:
    """A date from ISO-like metadata ("2021-04-22T08:00:00+02:00", "2021-04-22"), else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = re.match(r"\s*((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)", value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _in_mail_header(text: str, position: int) -> bool:
    """Whether the line at ``position`` or a line next to it is an e-mail header field."""
    line_no = text.count("\n", 0, position)
    lines = text.split("\n")
    return bool(_MAIL_HEADER.search("\n".join(lines[max(0, line_no - 1) : line_no + 2])))


def _from_match(match: re.Match, reference: date | None) -> date | None:
    has_year = bool(match.group("year") or match.group("nyear"))
    if not has_year and reference is None:
        return None
    phrase = match.group("date")
    base_year = reference.year if reference and not has_year else 2000
    try:
        parsed = dateutil_parser.parse(phrase, parserinfo=_INFO, default=datetime(base_year, 1, 1))
    except (ValueError, OverflowError):
        return None
    # A weekday name must not move the date ("torsdag den 29. april" is the 29th whatever the day).
    value = parsed.date()
    day = int(match.group("day") or match.group("nday"))
    if value.day != day:
        return None
    if not has_year and reference and value < reference:
        try:
            value = value.replace(year=value.year + 1)
        except ValueError:
            return None
    return value
