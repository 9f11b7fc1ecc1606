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


_MONTH_WORDS = sorted({w for names in DanishParserInfo.MONTHS for w in names}, key=len, reverse=True)
_MONTH_NUMBER = {w: number for number, names in enumerate(DanishParserInfo.MONTHS, 1) for w in names}
_FULL_MONTHS = [names[-1] for names in DanishParserInfo.MONTHS]
_WEEKDAY_WORDS = sorted({w for names in DanishParserInfo.WEEKDAYS for w in names}, key=len, reverse=True)
_WEEKDAY = r"(?:(?:%s)\.?,?\s+)" % "|".join(_WEEKDAY_WORDS)
# "27. september 2021", "27 september 2021", "8. nov. 2022", "29. april" (the year may be missing)
_TEXT_DATE = (
    r"(?<!\d)(?P<day>[0-3]?\d)(?:\.\s*|\s+)(?P<month>%s)\b\.?(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
    % "|".join(_MONTH_WORDS)
)
# "27.09.2021", "27/9 2021", "3/10/2019", "27/9-21": a two-digit year only after "-" or "/"
_NUMERIC_DATE = (
    r"(?<![\d.])(?P<nday>[0-3]?\d)[./-](?P<nmonth>[01]?\d)(?P<nsep>[./-]|\s+)"
    r"(?P<nyear>(?:19|20)\d\d|\d\d)(?![\d.,]\d)\b"
)
_ISO_DATE = r"(?<![\d.])(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d)(?:\b|(?=T\d))"
# A date phrase: optional weekday and "den"/"d.", then a written, numeric or ISO date.
DATE = rf"(?P<date>{_WEEKDAY}?(?:den\s+|d\.\s*)?(?:{_TEXT_DATE}|{_NUMERIC_DATE}|{_ISO_DATE}))"
# A month and a year without a day: "marts 2022", "i oktober 2024".
MONTH_YEAR = r"(?P<mdate>\b(?P<mmonth>%s)\s+(?P<myear>(?:19|20)\d\d)\b)" % "|".join(_FULL_MONTHS)

_DATE_RE = re.compile(DATE, re.IGNORECASE)
_ANY_DATE_RE = re.compile(rf"{DATE}|{MONTH_YEAR}", re.IGNORECASE)
_DATELINE_LINES = 12
_DATELINE_MAX_CHARS = 90
_DATELINE_MAX_PREFIX_WORDS = 6
# After the date on a dateline: a time ("kl. 14.05", "10.00-15.00") and punctuation only.
# A byline after a separator may follow ("3. oktober 2019 · skrevet af sekretariatet").
_DATELINE_TAIL = re.compile(
    r"^(?:T\d\d:\d\d(?::\d\d)?\S*)?[\s*_,]*(?:[-–—]\s+)?(?:(?:kl\.?\s*)?\d{1,2}[.:]\d\d(?:\s*-\s*\d{1,2}[.:]\d\d)?)?"
    r"[\s*_.]*(?:[|·•–—-]\s.*)?$",
    re.I,
)
# A line about a meeting, a deadline or the next time states no publication date.
_NOT_PUBLISHED = re.compile(
    r"møde|mødes|samles|netværk|temadag|konference|tilmeld|senest|frist|næste|deadline|afholdes|"
    r"\bnr\b|\blov(?:en)?\b|bekendtgørelse|\baftale(?:n)?\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(r"\bdato\b", re.IGNORECASE)

# a word ending in one of these (inside a compound too: "netværksmøde", "klimatopmøde")
_MEETING_WORDS = r"(?:møde[t]?|mødes|samles|temadag(?:en)?|konference(?:n)?)"
_WHEN = rf"(?:{DATE}|{MONTH_YEAR})"
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
    # "Når Kommunernes klimapolitiske netværk mødes i Vejle tirsdag den 8. november",
    # "Den 5. oktober 2023 samles netværket i Roskilde".
    (
        "mødes",
        re.compile(
            rf"\b(?:netværk(?:et)?\s+(?:mødes|samles)|(?:mødes|samles)\s+netværket)\b"
            rf"[^.!?\n]{{0,60}}?(?<![\w.]){DATE}",
            re.IGNORECASE,
        ),
    ),
    ("mødes", re.compile(rf"(?<![\w.]){DATE}[^.!?\n]{{0,20}}?\b(?:mødes|samles)\s+netværket\b", re.IGNORECASE)),
    # The title slide of a talk: "Kommunernes klimapolitiske netværk, 29. april 2021".
    ("netværk", re.compile(rf"\bklimapolitiske\s+netværk,?\s+{DATE}", re.IGNORECASE)),
    # Any meeting: "Klimaudvalgets møde tirsdag den 9. maj 2023", "temadag ... mandag den 26.
    # september 2022", "næste møde i oktober 2024", "Onsdag den 24. januar 2024 holder KL klimatopmøde".
    (
        "møde",
        re.compile(
            rf"{_MEETING_WORDS}\b[^.!?\n:]{{0,80}}?(?<![\w.]){_WHEN}",
            re.IGNORECASE,
        ),
    ),
    (
        "møde",
        re.compile(rf"(?<![\w.]){DATE}[^.!?\n]{{0,30}}?\bholder\b[^.!?\n]{{0,30}}?{_MEETING_WORDS}", re.IGNORECASE),
    ),
)
_MAIL_HEADER = re.compile(
    r"^\s*(fra|til|emne|cc|sendt|from|to|subject|sent|vedrørende|vedr|sagsbehandler|journalnr|sagsnr)\s*\.?:",
    re.IGNORECASE | re.MULTILINE,
)
_NEXT_MEETING = re.compile(r"\b(næste|efterfølgende|sidste|forrige|tidligere)\b[\wæøå\s]{0,20}$", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    """A date found in text, the kind of phrase that stated it (e.g. "dateline", "referat") and how
    precise it is: "day", or "month" for "marts 2022" (stored as the 1st of the month)."""

    value: date
    phrase: str
    precision: str = "day"


def parse_danish_date(text: str, reference: date | None = None) -> date | None:
    """Parse one Danish date phrase ("torsdag den 29. april", "22. april 2021", "12.01.2023",
    "27/9 2021", "d. 27/9-21", "2021-09-27").

    Without a year the date takes the reference's year, rolled forward when the day is before the
    reference (a text published 20 December that says "10. januar" means January next year).
    Returns None when the phrase is no valid date or has no year and there is no reference.
    """
    match = _DATE_RE.search(text)
    if not match:
        return None
    found = _from_match(match, reference)
    return found.value if found else None


def find_published(text: str) -> FoundDate | None:
    """A publication dateline near the top: a short line that ends in a full date or a month
    ("22. april 2021", "Nyhed · 3. marts 2022", "Esbjerg, 4. maj 2022", "Opdateret 3. oktober
    2023 kl. 14.05", "Klimanyt marts 2022"). A line about a meeting, a deadline or the next time
    is no dateline, nor is "Dato:" outside a memo or e-mail header (an invitation's meeting day).
    A bare year ("mål for 2030") is never a date.
    """
    lines = [line for line in text.splitlines() if line.strip()][:_DATELINE_LINES]
    for number, raw in enumerate(lines):
        line = raw.strip().strip("*_#> ").strip()
        if len(line) > _DATELINE_MAX_CHARS:
            continue
        matches = list(_ANY_DATE_RE.finditer(line))
        if not matches:
            continue
        match = matches[-1]
        prefix = line[: match.start()]
        if not _DATELINE_TAIL.match(line[match.end() :]) or len(prefix.split()) > _DATELINE_MAX_PREFIX_WORDS:
            continue
        if _NOT_PUBLISHED.search(prefix):
            continue
        if _DATE_LABEL.search(prefix) and not _MAIL_HEADER.search("\n".join(lines[max(0, number - 2) : number + 3])):
            continue
        found = _from_any(match, None)
        if found:
            return FoundDate(found.value, "dateline", found.precision)
    return None


def find_dateline(text: str) -> date | None:
    """The date of find_published (kept for callers that need the day only)."""
    found = find_published(text)
    return found.value if found else None


def find_meeting_date(text: str, published: date | None = None, allow_next: bool = False) -> FoundDate | None:
    """The date of the meeting a text is about, from the strongest phrase it contains:
    "Dato: 12. januar 2023", "Referat af netværksmødet 2. september 2021",
    "Oplæg på netværksmødet 8. november 2022", "det kommende netværksmøde den 29. april",
    "Klimaudvalgets møde tirsdag den 9. maj 2023", "næste møde i oktober 2024" (precision month).
    A phrase about the next or a previous meeting ("næste netværksmøde den ...") does not count,
    unless ``allow_next`` (an invitation to "our next meeting" is about that meeting).
    """
    for phrase, pattern in _MEETING_PHRASES:
        for match in pattern.finditer(text):
            if not allow_next and _NEXT_MEETING.search(text[max(0, match.start() - 30) : match.start()]):
                continue
            if phrase == "dato" and _in_mail_header(text, match.start()):
                continue  # "Dato:" among "Fra:"/"Til:"/"Emne:" is when the e-mail was sent
            found = _from_any(match, published)
            if found:
                return FoundDate(found.value, phrase, found.precision)
    return None


def find_dates(text: str, reference: date | None = None) -> list[date]:
    """Every valid date phrase in a text, in order (dates without a year need a reference)."""
    found = (_from_match(m, reference) for m in _DATE_RE.finditer(text))
    return [d.value for d in found if d]


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


def _from_any(match: re.Match, reference: date | None) -> FoundDate | None:
    """A day from a DATE match, or the 1st of the month from a MONTH_YEAR match."""
    groups = match.groupdict()
    if groups.get("date"):
        return _from_match(match, reference)
    if groups.get("mdate"):
        before = match.string[max(0, match.start() - 4) : match.start()]
        if re.search(r"\d\.?\s*$", before):
            return None  # "27. marts 2022" is a day, matched by DATE
        return FoundDate(date(int(groups["myear"]), _MONTH_NUMBER[groups["mmonth"].lower()], 1), "", "month")
    return None


def _from_match(match: re.Match, reference: date | None) -> FoundDate | None:
    groups = match.groupdict()
    if groups.get("iyear"):
        year, month, day = int(groups["iyear"]), int(groups["imonth"]), int(groups["iday"])
    elif groups.get("nday"):
        raw_year = groups["nyear"]
        if len(raw_year) == 2:
            if groups["nsep"] not in ("-", "/"):
                return None  # "27/9 21" is too ambiguous; "27/9-21" is a date
            raw_year = "20" + raw_year
        year, month, day = int(raw_year), int(groups["nmonth"]), int(groups["nday"])
    elif groups.get("day"):
        month, day = _MONTH_NUMBER[groups["month"].lower().rstrip(".")], int(groups["day"])
        if groups.get("year"):
            year = int(groups["year"])
        elif reference is None:
            return None
        else:
            year = reference.year
    else:
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    # a weekday name never moves the date ("torsdag den 29. april" is the 29th whatever the day)
    if groups.get("day") and not groups.get("year") and reference and value < reference:
        try:
            value = value.replace(year=value.year + 1)
        except ValueError:
            return None
    return FoundDate(value, "")
