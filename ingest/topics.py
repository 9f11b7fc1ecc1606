"""Assigning DK2020 topics to a document from its analysed text.

A term matches a word only as a whole analysed word, a real compound part, or a listed phrase:
- a whole word: their Danish stems are equal ("varmepumper" ~ "varmepumpe");
- a compound part found by the shared compound splitter: a first part as it is spelled
  ("fjernvarmenettet": fjernvarme + nettet; "skybrudsplan": skybrud + plan), the last part also
  inflected ("klimapartnerskabet": klima + partnerskab). Bare substrings never count:
  "cirkulæreskrivelse" (cirkulære + skrivelse) is no "cirkulær", "bilag" no "bil";
- a multi-word term matches as a phrase of stems, stop words skipped.
Names are no evidence: words inside a run of capitalised words ("aftalen om Grøn Vækst", "Dansk
Fjernvarme") do not match terms written in lower case, and the parts of an institution's name
("Elbilforeningen", "Energistyrelsen") do not count.

Evidence is weighted: a match in the title, a heading, a numbered agenda item or programme line
("3. Skovrejsning", "10.15 Varmeplaner i praksis") or a sentence that says what the text is about
("med særlig lup på ...", "Temaet bliver ...") counts 3; in the opening of the text (first 60
words) 2; elsewhere 1. A topic is assigned at a score of at least 3 (and, in a long text, at least
one match per 1,500 words), so one strong mention or three anywhere are enough, but a passing
mention further down is not. A topic must also reach a sixth of the strongest topic's score.
Each match keeps its terms and where they were found (title, heading, agenda, opening, body).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ingest.document import TopicMatch
from ingest.taxonomy import Topic
from klimaviden.danish import analyze_terms, fold, tokenize
from klimaviden.danish.compounds import compound_parts

TITLE_WEIGHT = 3
STRONG_WEIGHT = 3
OPENING_WEIGHT = 2
BODY_WEIGHT = 1
OPENING_WORDS = 60
MIN_SCORE = 3
MIN_SHARE_OF_BEST = 1 / 6
WORDS_PER_REQUIRED_MATCH = 1500
_MAX_KNOWN_WORDS = 200_000
_AGENDA_MAX_WORDS = 15
# A numbered agenda item or a programme line: "3. Skovrejsning", "10.15 Varmeplaner i praksis".
_MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
_AGENDA_LINE = re.compile(
    rf"^\s*(?:\d{{1,2}}[.)]|(?:kl\.?\s*)?\d{{1,2}}[.:]\d\d)\s+(?!(?:{_MONTHS})\b)\S", re.IGNORECASE
)
# A sentence that says what the text is about, from the cue to the sentence's end.
_FOCUS = re.compile(
    r"(?:særlig(?:t)?\s+(?:fokus|lup)\s+på|sætte[rs]?\s+(?:der\s+)?(?:fokus|spot)\s+på|stiller\s+skarpt\s+på|"
    r"\btema(?:et)?\s+(?:er|bliver|for)|\bhandler\s+om)[^.!?\n]*",
    re.IGNORECASE,
)
# Capitalised compounds with these heads name institutions, not subjects.
_INSTITUTION_HEADS = re.compile(
    r"(foreningen|styrelsen|ministeriet|selskabet|fonden|rådet|centret|centeret|forbundet|sekretariatet)$"
)
_TITLECASE = re.compile(r"^[A-ZÆØÅ][a-zæøåéü]")


class _Item(NamedTuple):
    """One analysed word (or hyphen part): its folded form, its stem, the folded spellings of its
    compound parts, the stem of its last part, its token number, whether it lies in a name, and
    its weight class (title, heading, agenda, opening or body). A tuple: one is made per word."""

    word: str
    stem: str
    token: int
    parts: tuple[str, ...] = ()
    head: str = ""
    in_name: bool = False
    where: str = "body"


_GAP = _Item("", "", -1)  # words that can match no term, however many in a row


@dataclass(frozen=True)
class _Term:
    topic: int
    text: str
    words: tuple[str, ...]
    stems: tuple[str, ...]
    lower: bool  # written in lower case in the taxonomy: names are no evidence for it


_WEIGHTS = {"title": TITLE_WEIGHT, "heading": STRONG_WEIGHT, "agenda": STRONG_WEIGHT, "opening": OPENING_WEIGHT,
            "body": BODY_WEIGHT}


class _Matcher:
    """A taxonomy compiled for matching: single-word terms are tested once per distinct word (and
    remembered across documents), multi-word terms are looked up by their first stem."""

    def __init__(self, topics: tuple[Topic, ...]):
        self.terms: list[_Term] = []
        for index, topic in enumerate(topics):
            for text in topic.terms:
                pieces = [piece for token in tokenize(text) for piece in _token_items(token.text)]
                if pieces:
                    words = tuple(p[0] for p in pieces)
                    stems = tuple(p[1] for p in pieces)
                    self.terms.append(_Term(index, text, words, stems, text == text.lower()))
        self.singles = [t for t in self.terms if len(t.stems) == 1]
        self.phrases: dict[str, list[_Term]] = {}
        for term in self.terms:
            if len(term.stems) > 1:
                self.phrases.setdefault(term.stems[0], []).append(term)
        self._known: dict[tuple, tuple[_Term, ...]] = {}
        self._phrase_stems = {stem for term in self.terms if len(term.stems) > 1 for stem in term.stems}
        self._relevant: dict[str, bool] = {}

    def relevant(self, token: str) -> bool:
        """False when no piece of the token can match a term, alone or in a phrase: most words."""
        known = self._relevant.get(token)
        if known is None:
            if len(self._relevant) > _MAX_KNOWN_WORDS:
                self._relevant.clear()
            known = any(
                stem in self._phrase_stems or self._singles_for(_Item(word, stem, 0, parts, head))
                for word, stem, parts, head in _token_items(token)
            )
            self._relevant[token] = known
        return known

    def hits(self, items: list[_Item]) -> dict[_Term, list[tuple[_Item, int]]]:
        """For each matching term, where it matches: (first item, last token), once per token."""
        found: dict[_Term, list[tuple[_Item, int]]] = {}
        for index, item in enumerate(items):
            if item is _GAP:
                continue
            matched = [(t, item.token) for t in self._singles_for(item) if not (item.in_name and t.lower)]
            for phrase in self.phrases.get(item.stem, ()):
                window = items[index : index + len(phrase.stems)]
                if len(window) == len(phrase.stems) and all(i.stem == s for i, s in zip(window, phrase.stems)):
                    if not (phrase.lower and all(i.in_name for i in window)):
                        matched.append((phrase, window[-1].token))
            for term, last in matched:
                positions = found.setdefault(term, [])
                if not positions or positions[-1][0].token != item.token:
                    positions.append((item, last))
        return found

    def _singles_for(self, item: _Item) -> tuple[_Term, ...]:
        key = (item.word, item.stem, item.parts, item.head)
        if key not in self._known:
            if len(self._known) > _MAX_KNOWN_WORDS:
                self._known.clear()
            self._known[key] = tuple(t for t in self.singles if _word_matches(item, t.words[0], t.stems[0]))
        return self._known[key]


def match_topics(
    title: str, body: str, topics: tuple[Topic, ...], headings: tuple[str, ...] = ()
) -> tuple[TopicMatch, ...]:
    """The topics whose evidence passes the threshold, best first, each with its triggering terms
    and where they were found. ``headings`` are the document's section headings (strong evidence)."""
    matcher = _matcher(topics)
    title_items, _ = _analyse(title, "title", relevant=matcher.relevant)
    body_items, body_words = _analyse(
        body, None, frozenset(h.strip() for h in headings), title.strip(), relevant=matcher.relevant
    )
    required = max(MIN_SCORE, body_words / WORDS_PER_REQUIRED_MATCH)
    # one mention is one stretch of text: "klimaregnskabet" matching both "klimaregnskab" and
    # "regnskab", or "industriel symbiose" and "symbiose", counts once, at its strongest weight
    mentions: list[list[tuple[str, int, int, int]]] = [[] for _ in topics]
    triggered: list[list[str]] = [[] for _ in topics]
    places: list[list[str]] = [[] for _ in topics]
    for items in (title_items, body_items):
        for term, hits in matcher.hits(items).items():
            if term.text not in triggered[term.topic]:
                triggered[term.topic].append(term.text)
            for item, last in hits:
                part = "title" if item.where == "title" else "text"
                mentions[term.topic].append((part, item.token, last, _WEIGHTS[item.where]))
                if item.where not in places[term.topic]:
                    places[term.topic].append(item.where)
    scores = [_score(found) for found in mentions]
    required = max(required, max(scores, default=0) * MIN_SHARE_OF_BEST)
    matches = [
        TopicMatch(topic.slug, tuple(triggered[i]), float(scores[i]), tuple(places[i]))
        for i, topic in enumerate(topics)
        if triggered[i] and scores[i] >= required
    ]
    order = {t.slug: i for i, t in enumerate(topics)}
    return tuple(sorted(matches, key=lambda m: (-m.score, order[m.slug])))


def _score(mentions: list[tuple[str, int, int, int]]) -> int:
    """The sum of the weights of separate mentions: matches over the same tokens are one mention."""
    total, current = 0, None  # (part, end token, weight) of the mention being merged
    for part, start, end, weight in sorted(mentions):
        if current and current[0] == part and start <= current[1]:
            total += max(0, weight - current[2])
            current = (part, max(end, current[1]), max(weight, current[2]))
        else:
            total += weight
            current = (part, end, weight)
    return total


def _word_matches(item: _Item, term_word: str, term_stem: str) -> bool:
    if item.stem == term_stem or item.word == term_word:
        return True
    return term_word in item.parts or item.head == term_stem


def _analyse(
    text: str, where: str | None, headings: frozenset[str] = frozenset(), title: str = "", relevant=None
) -> tuple[list[_Item], int]:
    """The analysed items of a text and its number of words (stop words included). Without a
    fixed ``where`` (the body), each item's weight class comes from its line and position: a line
    that is one of the ``headings``, an agenda line, a focus sentence, the opening, the rest. The
    title repeated as a line of the body (a slide's title, a page's headline) is counted once.
    Words for which ``relevant`` (token text -> bool) says no are one _GAP: they match nothing
    and end any phrase, as their items would."""
    items: list[_Item] = []
    tokens = tokenize(text)
    names = _name_tokens(text, tokens)
    places = _Places(text, headings, title) if where is None else None
    for index, token in enumerate(tokens):
        pieces = _token_items(token.text)
        if not pieces:
            continue  # stop words leave no item: a phrase of stems skips them
        place = where or places.at(token.start, index)
        if where is None and place == "title":
            continue
        if relevant is not None and not relevant(token.text):
            if not items or items[-1] is not _GAP:
                items.append(_GAP)
            continue
        in_name = index in names
        for word, stem, parts, head in pieces:
            items.append(_Item(word, stem, index, parts, head, in_name, place))
    return items, len(tokens)


class _Places:
    """Where a body offset lies: a title, heading or agenda line, a focus sentence, the opening
    (the first 60 words) or the rest, asked in reading order: each lookup moves forward from the
    last through the lines and focus sentences."""

    def __init__(self, text: str, headings: frozenset[str], title: str):
        self.line_starts: list[int] = []
        self.line_kinds: list[str | None] = []
        offset = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if title and stripped == title:
                kind = "title"
            elif stripped and stripped in headings:
                kind = "heading"
            elif _AGENDA_LINE.match(line) and len(line.split()) <= _AGENDA_MAX_WORDS:
                kind = "agenda"
            else:
                kind = None
            self.line_starts.append(offset)
            self.line_kinds.append(kind)
            offset += len(line) + 1
        focus = [(m.start(), m.end()) for m in _FOCUS.finditer(text)]  # never overlapping
        self.focus_starts = [start for start, _ in focus]
        self.focus_ends = [end for _, end in focus]
        self._line = self._focus = 0  # where the last lookup stood

    def at(self, offset: int, index: int) -> str:
        """The weight class at ``offset`` (of word number ``index``), no earlier than the last asked."""
        starts = self.line_starts
        while self._line + 1 < len(starts) and starts[self._line + 1] <= offset:
            self._line += 1
        kind = self.line_kinds[self._line]
        if kind:
            return kind
        ends = self.focus_ends
        while self._focus < len(ends) and ends[self._focus] <= offset:
            self._focus += 1
        if self._focus < len(ends) and self.focus_starts[self._focus] <= offset:
            return "agenda"
        return "opening" if index < OPENING_WORDS else "body"


def _name_tokens(text: str, tokens) -> set[int]:
    """Token numbers inside a run of two or more capitalised words ("Grøn Vækst", "Dansk
    Fjernvarme", "Landbrug & Fødevarer")."""
    inside: set[int] = set()
    for index in range(len(tokens) - 1):
        first, second = tokens[index], tokens[index + 1]
        between = text[first.end : second.start]
        if _TITLECASE.match(first.text) and _TITLECASE.match(second.text) and between.strip() in ("", "&"):
            if "\n" not in between:
                inside.update((index, index + 1))
    return inside


@lru_cache(maxsize=100_000)
def _token_items(token: str) -> tuple[tuple[str, str, tuple[str, ...], str], ...]:
    """(folded word, stem, folded compound parts, stem of the last part) for each hyphen part of a
    token, stop words dropped: "CO2-fangst" -> ("co2", "co2", (), ""), ("fangst", "fangst", (), "").
    An institution's name ("Elbilforeningen") keeps no parts."""
    pieces = []
    for part in re.split(r"[-‐‑]", token):
        terms = analyze_terms(part) if part else []
        if not terms:
            continue
        lower = part.lower()
        compound = [] if part[:1].isupper() and _INSTITUTION_HEADS.search(lower) else compound_parts(lower)
        head = analyze_terms(compound[-1])[0] if compound and analyze_terms(compound[-1]) else ""
        pieces.append((fold(lower), terms[0], tuple(fold(p) for p in compound), head))
    return tuple(pieces)


@lru_cache(maxsize=8)
def _matcher(topics: tuple[Topic, ...]) -> _Matcher:
    return _Matcher(topics)
