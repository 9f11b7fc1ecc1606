"""Who presents a talk: names on a title slide or first page, "Oplæg ved ..." / "v/ ..." lines, and
the programme of an invitation. Pure functions over lines of text.

A presenter is a personal name: two to four capitalised words whose first is a known Danish given
name, without words that belong to organisations ("Kommune", "Region" ...). So "Oplæg ved Holstebro
Kommune" or "Thisted Kommune" never become people, while "Camilla Thisted" and "Anne Kolding" stay
people whose surnames happen to be towns. Role and organisation are read from what follows the name:
"Mette Kjærgaard Lund, planchef, Aalborg Kommune"; a title before it ("Borgmester Jens Ravn") is the
role; an organisation on a line of its own after several names belongs to each of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.document import Presenter
from klimaviden.danish import analyze_terms

GIVEN_NAMES = frozenset(
    """
    aase agnete alberte alexander allan alma anders andreas anette ann anna anne annette ane anton
    arne asger astrid bent benny bente birgit birgitte bjarne bo britt brian camilla carl carsten
    caroline casper charlotte christian christina christine claus dan daniel dennis dorte dorthe
    ebbe elin elisabeth ellen else emil emilie emma erik erling esben eva finn flemming frank
    frederik frida gitte grethe gustav hanne hans hans-henrik hardy heidi helle helena henning
    henriette henrik ib ida inge inger ingrid irene jacob jakob jan jane janne jens jeppe jesper
    jette jimmy joachim johan johanne johannes jonas jonathan jørgen jørn kaj karen kari karin
    karl karsten kasper katrine kenneth kim kirsten kristian kristina kristine lars laura lea lene
    leif lena lis lisa lisbeth lise line lone louise lucas lykke mads magnus maja malene marianne
    maria marie mark marlene martin mathias mette michael mikael mikkel mogens morten nanna
    naja nicolai niels nikolaj nina ole oliver peder per pernille peter pia poul preben rasmus
    rikke rita rune sanne sara sebastian signe simon sofie sofia solveig steen stefan stig susanne
    svend søren thomas thor tina tine tobias torben tove trine troels ulla ulrik vibeke victor
    viggo william yvonne
    """.split()
)
# Words that make a capitalised phrase an organisation or a place, never a person.
_ORG_WORDS = re.compile(
    r"^(kommune|kommunes|region|regions|forsyning|forsyningen|universitet|styrelsen|ministeriet|forening|"
    r"foreningen|a/s|aps|center|centret|biogas|varme|vand|fjernvarme|symbiose|netværk|netværket|"
    r"sekretariat|sekretariatet|rådhus|byråd|partnerskab|museum|skole|gymnasium|hospital|fond|fonden|bibliotek|"
    r"akademi|kirke|vej|gade|plads|allé|park|havn)$",
    re.IGNORECASE,
)
_ROLE_TITLES = re.compile(
    r"^(borgmester|viceborgmester|rådmand|direktør|kommunaldirektør|professor|lektor|formand|næstformand|"
    r"minister|dr\.?|byrådsmedlem|udvalgsformand)\s+",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^(?:oplæg\s+(?:ved|af)|præsenteret\s+af|oplægsholdere?\s*:|v/|ved|af)\s*", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][a-zæøåäöüéë]+(?:-[A-ZÆØÅ][a-zæøåäöüéë]+)?$")
_TIME = re.compile(r"^\s*[-•*]?\s*(?:kl\.?\s*)?(\d{1,2}[.:]\d\d)(?:\s*[-–]\s*\d{1,2}[.:]\d\d)?\s+(.+)$")
_PROGRAMME_SPLIT = re.compile(r"[.,:]?\s+(?:[-–]\s+)?(?:oplæg\s+(?:ved|af)|v/|ved)\s+", re.IGNORECASE)
_TITLE_SLIDE_LINES = 8
_MIN_SHARED_WORDS = 2
_MIN_TITLE_OVERLAP = 0.75


@dataclass(frozen=True)
class ProgrammeItem:
    """One point of a meeting's programme: its title, who presents it, its time and, when known,
    the document (file name in the meeting folder) that holds the talk."""

    title: str
    presenters: tuple[Presenter, ...] = ()
    time: str | None = None
    document: str | None = None

    def as_dict(self) -> dict:
        return {
            "time": self.time,
            "title": self.title,
            "presenters": [p.as_dict() for p in self.presenters],
            "document": self.document,
        }


def personal_name(text: str) -> str | None:
    """``text`` when it is a personal name (see the module docstring), else None."""
    words = text.split()
    if not 2 <= len(words) <= 4 or words[0].lower() not in GIVEN_NAMES:
        return None
    if not all(_NAME_WORD.match(w) for w in words) or any(_ORG_WORDS.match(w) for w in words):
        return None
    return " ".join(words)


def presenters_in_line(line: str, marked_only: bool = False) -> tuple[Presenter, ...]:
    """The presenters one line names: "Oplæg ved Karen Hjortshøj, mobilitetskoordinator, Lemvig
    Kommune", "v/ Anna Skovgaard og Mads Vinding, Region Midtjylland", "Lise Fogh, klimachef, og
    Torben Mølgaard, direktør, Aarhus Kommune". With ``marked_only`` a line counts only after a
    marker ("Oplæg ved", "v/", "Af")."""
    text = line.strip().strip("*_#>-• ").strip()
    marker = _MARKER.match(text)
    if marker:
        text = text[marker.end() :]
    elif marked_only:
        return ()
    found: list[Presenter] = []
    for chunk in _person_chunks(text):
        presenter = _presenter(chunk)
        if presenter is None:
            return ()  # a line that names something else besides people is not a presenter line
        found.append(presenter)
    return _share_organization(found)


def title_page_presenters(text: str, title: str = "") -> tuple[Presenter, ...]:
    """The presenters on a title slide or first page: each line that is a presenter line, and an
    organisation on a line of its own after names without one ("Sofie Dahl, specialkonsulent" /
    "Peter Krogh, kontorchef" / "Energistyrelsen")."""
    found: list[Presenter] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_TITLE_SLIDE_LINES]
    for line in lines:
        if line == title.strip():
            continue
        people = presenters_in_line(line)
        if people:
            found.extend(people)
        elif found and not found[-1].organization and _organization_line(line):
            found = [p if p.organization else Presenter(p.name, p.role, line) for p in found]
    return _unique(found)


def marked_presenters(text: str) -> tuple[Presenter, ...]:
    """Presenters named after "Oplæg ved" / "v/" anywhere in ``text`` (e.g. a PDF's first page)."""
    found: list[Presenter] = []
    for line in text.splitlines():
        found.extend(presenters_in_line(line, marked_only=True))
    return _unique(found)


def parse_programme(text: str) -> tuple[ProgrammeItem, ...]:
    """The programme of an invitation: lines that start with a time ("10.15 Varmeplaner i praksis.
    Oplæg ved Mette Kjærgaard Lund, planchef, Aalborg Kommune"), in order. Points without a named
    person ("Velkomst ved netværkets formand", "Frokost") are kept without presenters."""
    items = []
    for line in text.splitlines():
        match = _TIME.match(line)
        if not match:
            continue
        time, rest = match.group(1).replace(":", "."), match.group(2).strip()
        parts = _PROGRAMME_SPLIT.split(rest, maxsplit=1)
        title = parts[0].strip(" .,-–")
        people = presenters_in_line(parts[1]) if len(parts) > 1 else ()
        items.append(ProgrammeItem(title or rest, people, time))
    return tuple(items)


def programme_presenters(
    items: tuple[ProgrammeItem, ...], title: str, filename: str
) -> tuple[Presenter, ...]:
    """The presenters a programme gives the talk with this title or file name: the item that names
    the file, else the one whose title shares most of its words with the talk's title."""
    for item in items:
        if item.document and item.document == filename:
            return item.presenters
    words = set(analyze_terms(title))
    best, best_overlap = (), 0.0
    for item in items:
        item_words = set(analyze_terms(item.title))
        shared = len(words & item_words)
        if shared < _MIN_SHARED_WORDS:
            continue
        overlap = shared / min(len(words), len(item_words))
        if overlap >= _MIN_TITLE_OVERLAP and overlap > best_overlap:
            best, best_overlap = item.presenters, overlap
    return best


def _person_chunks(text: str) -> list[str]:
    """Split "A, rolle, og B, rolle, Org" / "A og B, Org" before each "og"/"&" that starts a name."""
    chunks, start = [], 0
    for match in re.finditer(r",?\s+(?:og|&)\s+(?=([A-ZÆØÅ][\wæøå-]*))", text):
        if match.group(1).lower() in GIVEN_NAMES:
            chunks.append(text[start : match.start()])
            start = match.end()
    chunks.append(text[start:])
    people = []
    for chunk in (c.strip(" ,") for c in chunks):
        # "Anna Skovgaard, Mads Vinding": a comma before another full name starts another person
        parts = [p.strip() for p in chunk.split(",")]
        current: list[str] = []
        for part in parts:
            if current and personal_name(part):
                people.append(", ".join(current))
                current = []
            current.append(part)
        if current:
            people.append(", ".join(current))
    return [p for p in people if p]


def _presenter(chunk: str) -> Presenter | None:
    parts = [p.strip() for p in chunk.split(",") if p.strip()]
    if not parts:
        return None
    head, role = parts[0], None
    prefix = _ROLE_TITLES.match(head)
    if prefix:
        role, head = prefix.group(1).lower(), head[prefix.end() :]
    name = personal_name(head)
    if not name:
        return None
    organization = None
    for part in parts[1:]:
        if part[:1].islower() and role is None:
            role = part
        elif part[:1].isupper():
            organization = part
    return Presenter(name, role, organization)


def _share_organization(found: list[Presenter]) -> tuple[Presenter, ...]:
    """"Sofie Dahl og Peter Krogh, Energistyrelsen": the last named organisation is everyone's;
    "A og B, kontorchefer, KL": a name with neither role nor organisation shares the last's role."""
    if not found:
        return ()
    last = found[-1]
    organization = next((p.organization for p in reversed(found) if p.organization), None)
    shared = []
    for person in found:
        role = person.role or (last.role if not person.organization else None)
        shared.append(Presenter(person.name, role, person.organization or organization))
    return tuple(shared)


def _organization_line(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 6 and words[0][:1].isupper() and not re.search(r"\d", line)


def _unique(found: list[Presenter]) -> tuple[Presenter, ...]:
    seen, result = set(), []
    for presenter in found:
        if presenter.name.casefold() not in seen:
            seen.add(presenter.name.casefold())
            result.append(presenter)
    return tuple(result)
