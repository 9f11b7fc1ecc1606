"""Search requests: reading request parameters and the user's query text, as pure functions.

Nothing here knows Whoosh: the user's text is split into plain words and quoted phrases, so no
query syntax ever reaches the engine and bad syntax is simply searched as words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ingest.document import DOCUMENT_TYPES

from index.errors import InvalidRequest

SORTS = ("relevance", "date")
MAX_PER_PAGE = 100
MAX_PAGE = 1000
MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 32
MAX_FILTER_CHARS = 200

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUOTED = re.compile(r'"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]')
_WORD = re.compile(r"\w+(?:[-‐‑]\w+)*", re.UNICODE)


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    theme: str | None = None
    topics: tuple[str, ...] = ()
    type: str | None = None
    org: str | None = None
    presenter: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 10
    as_typed: bool = False  # never replace misspelled words by their correction

    @property
    def has_filters(self) -> bool:
        return bool(
            self.theme or self.topics or self.type or self.org or self.presenter or self.date_from or self.date_to
        )


@dataclass(frozen=True)
class UserQuery:
    """The user's text as plain words, quoted phrases (words in this order, any inflection) and
    exact phrases, written ="..." (these very word forms in this order)."""

    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    exact_phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases and not self.exact_phrases


def parse_user_query(text: str) -> UserQuery:
    """Split text into quoted phrases and words, in order; anything that is not a word is dropped.

    An equals sign right before the opening quote asks for the exact word forms.

    >>> parse_user_query('"Kalundborg Forsyning" CO2-fangst (AND =“før”')
    UserQuery(words=('CO2-fangst', 'AND'), phrases=(('Kalundborg', 'Forsyning'),), exact_phrases=(('før',),))
    """
    phrases: list[tuple[str, ...]] = []
    exact: list[tuple[str, ...]] = []
    words: list[str] = []
    budget = MAX_QUERY_WORDS
    position = 0
    for match in list(_QUOTED.finditer(text)) + [None]:
        before = text[position : match.start()] if match else text[position:]
        for word in _WORD.findall(before):
            if budget > 0:
                words.append(word)
                budget -= 1
        if match is None:
            break
        position = match.end()
        inner = next(g for g in match.groups() if g is not None)
        phrase = tuple(_WORD.findall(inner))[: max(budget, 0)]
        if phrase:
            (exact if text[: match.start()].endswith("=") else phrases).append(phrase)
            budget -= len(phrase)
    return UserQuery(tuple(words), tuple(phrases), tuple(exact))


def _first(params: Mapping[str, Iterable[str]], key: str) -> str | None:
    values = params.get(key)
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    for value in values:
        value = value.strip()
        if value:
            return value
    return None


def _all(params: Mapping[str, Iterable[str]], key: str) -> list[str]:
    values = params.get(key) or []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for v in values if v and v.strip()]


def _date(value: str | None, key: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidRequest(
            f"'{key}' skal være en dato som ÅÅÅÅ-MM-DD, ikke {_show(value)}"
        ) from None


def _int(value: str | None, key: str, default: int, low: int, high: int) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise InvalidRequest(f"'{key}' skal være et helt tal, ikke {_show(value)}") from None
    if not low <= number <= high:
        raise InvalidRequest(f"'{key}' skal være mellem {low} og {high}, ikke {number}")
    return number


def _show(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:40] + "…")


def _bounded(value: str | None, key: str) -> str | None:
    if value is not None and len(value) > MAX_FILTER_CHARS:
        raise InvalidRequest(f"'{key}' er for lang (højst {MAX_FILTER_CHARS} tegn)")
    return value


def parse_search_params(
    params: Mapping[str, Iterable[str]], *, valid_topics: Iterable[str] | None = None
) -> SearchRequest:
    """Read q, theme, topic (repeatable), type, org, presenter, from, to, sort, page, per_page, as_typed.

    Raises InvalidRequest with a message naming the parameter and the problem.
    """
    q = (_first(params, "q") or "").strip()
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidRequest(f"Søgningen er for lang (højst {MAX_QUERY_CHARS} tegn)")

    theme = _bounded(_first(params, "theme"), "theme")
    if theme is not None and not _SLUG.match(theme):
        raise InvalidRequest(f"'theme' skal være et tema-slug (fx energi-og-co2), ikke {_show(theme)}")

    known = set(valid_topics) if valid_topics is not None else None
    topics: list[str] = []
    for slug in _all(params, "topic"):
        if known is not None and slug not in known:
            raise InvalidRequest(
                f"Ukendt emne {_show(slug)} i 'topic'; kendte emner: {', '.join(sorted(known))}"
            )
        if known is None and not _SLUG.match(slug):
            raise InvalidRequest(f"'topic' skal være et emne-slug, ikke {_show(slug)}")
        if slug not in topics:
            topics.append(slug)

    doc_type = _first(params, "type")
    if doc_type is not None and doc_type not in DOCUMENT_TYPES:
        raise InvalidRequest(
            f"Ukendt dokumenttype {_show(doc_type)} i 'type'; brug en af: {', '.join(DOCUMENT_TYPES)}"
        )

    org = _bounded(_first(params, "org"), "org")
    presenter = _bounded(_first(params, "presenter"), "presenter")
    date_from = _date(_first(params, "from"), "from")
    date_to = _date(_first(params, "to"), "to")
    if date_from and date_to and date_from > date_to:
        raise InvalidRequest(
            f"'from' ({date_from.isoformat()}) skal være samme dag som eller før 'to' "
            f"({date_to.isoformat()})"
        )

    sort = _first(params, "sort") or "relevance"
    if sort not in SORTS:
        raise InvalidRequest(f"'sort' skal være relevance eller date, ikke {_show(sort)}")

    as_typed = _first(params, "as_typed")
    if as_typed not in (None, "0", "1"):
        raise InvalidRequest(f"'as_typed' skal være 0 eller 1, ikke {_show(as_typed)}")
    page = _int(_first(params, "page"), "page", 1, 1, MAX_PAGE)
    per_page = _int(_first(params, "per_page"), "per_page", 10, 1, MAX_PER_PAGE)
    return SearchRequest(
        q=q,
        theme=theme,
        topics=tuple(topics),
        type=doc_type,
        org=org,
        presenter=presenter,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        per_page=per_page,
        as_typed=as_typed == "1",
    )
