"""Search state lives in the URL: pure helpers that read it and build links that change one thing.

Templates never assemble query strings themselves; they ask a `SearchLinks` for "this search plus
that topic", "this search without that organisation", "page 3 of this search".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

# The parameters of a search, in the order they appear in generated links.
SEARCH_KEYS = ("q", "theme", "topic", "type", "org", "presenter", "from", "to", "sort", "page", "per_page", "as_typed")
# How the results are shown ("vis=moeder": grouped by meeting); kept in links, not a filter.
VIEW_KEYS = ("vis",)
# Filters that may be given more than once (any of).
MULTI_KEYS = frozenset({"topic"})
# Filters shown as removable chips, in display order.
FILTER_KEYS = ("topic", "theme", "type", "org", "presenter", "from", "to")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")

Args = dict[str, list[str]]


def clean_args(params: Mapping[str, Iterable[str]]) -> Args:
    """Known search keys only, control characters removed, surrounding space trimmed, blanks dropped.

    An empty date field in a submitted form arrives as ``from=``: that means "no filter".
    """
    cleaned: Args = {}
    for key in SEARCH_KEYS + VIEW_KEYS:
        values = []
        for raw in params.get(key, ()):
            value = _SPACE.sub(" ", _CONTROL.sub(" ", str(raw))).strip()
            if value and value not in values:
                values.append(value)
        if values:
            cleaned[key] = values
    return cleaned


def query_string(args: Mapping[str, list[str]]) -> str:
    """A canonical query string (fixed key order) for a set of search arguments."""
    pairs = [(key, value) for key in SEARCH_KEYS + VIEW_KEYS for value in args.get(key, ())]
    return urlencode(pairs)


def with_filter(args: Mapping[str, list[str]], key: str, value: str) -> Args:
    """The search narrowed by one more filter value, back on page 1.

    A repeatable filter (topic) gains the value; a single one (theme, type, org...) is replaced.
    """
    new = _copy(args)
    new.pop("page", None)
    if key in MULTI_KEYS:
        current = new.get(key, [])
        new[key] = current if value in current else current + [value]
    else:
        new[key] = [value]
    return new


def without_filter(args: Mapping[str, list[str]], key: str, value: str | None = None) -> Args:
    """The search without one filter value (or without the whole key), back on page 1."""
    new = _copy(args)
    new.pop("page", None)
    if value is None:
        new.pop(key, None)
    else:
        remaining = [v for v in new.get(key, []) if v != value]
        if remaining:
            new[key] = remaining
        else:
            new.pop(key, None)
    return new


def with_year(args: Mapping[str, list[str]], year: str) -> Args:
    """The search limited to one calendar year (as a from/to date range)."""
    new = with_filter(args, "from", f"{year}-01-01")
    return with_filter(new, "to", f"{year}-12-31")


def selected_year(args: Mapping[str, list[str]]) -> str | None:
    """The year if the date range is exactly one calendar year, else None."""
    start = args.get("from", [""])[0]
    end = args.get("to", [""])[0]
    if len(start) == 10 and start.endswith("-01-01") and end == f"{start[:4]}-12-31":
        return start[:4]
    return None


def with_page(args: Mapping[str, list[str]], page: int) -> Args:
    new = _copy(args)
    if page <= 1:
        new.pop("page", None)
    else:
        new["page"] = [str(page)]
    return new


def with_sort(args: Mapping[str, list[str]], sort: str) -> Args:
    new = _copy(args)
    new.pop("page", None)
    if sort == "relevance":
        new.pop("sort", None)
    else:
        new["sort"] = [sort]
    return new


def with_query(args: Mapping[str, list[str]], q: str) -> Args:
    new = _copy(args)
    new.pop("page", None)
    new.pop("as_typed", None)  # new words may be misspelled again
    new["q"] = [q]
    return new


def has_filters(args: Mapping[str, list[str]]) -> bool:
    return any(args.get(key) for key in FILTER_KEYS)


def page_window(page: int, last: int, width: int = 2) -> list[int | None]:
    """Page numbers to show around the current page; None marks a gap ("…").

    >>> page_window(6, 20)
    [1, None, 4, 5, 6, 7, 8, None, 20]
    """
    if last <= 1:
        return [1] if last == 1 else []
    shown = {1, last} | {p for p in range(page - width, page + width + 1) if 1 <= p <= last}
    window: list[int | None] = []
    previous = 0
    for number in sorted(shown):
        if number - previous > 1:
            window.append(None)
        window.append(number)
        previous = number
    return window


class SearchLinks:
    """Builds links for one search page: `links.add("topic", "energi")`, `links.page(2)`..."""

    def __init__(self, base: str, args: Mapping[str, list[str]]):
        self.base = base
        self.args: Args = _copy(args)

    def href(self, args: Mapping[str, list[str]]) -> str:
        qs = query_string(args)
        return f"{self.base}?{qs}" if qs else self.base

    def current(self) -> str:
        return self.href(self.args)

    def add(self, key: str, value: str) -> str:
        return self.href(with_filter(self.args, key, value))

    def remove(self, key: str, value: str | None = None) -> str:
        return self.href(without_filter(self.args, key, value))

    def year(self, year: str) -> str:
        return self.href(with_year(self.args, year))

    def remove_year(self) -> str:
        return self.href(without_filter(without_filter(self.args, "from"), "to"))

    def page(self, page: int) -> str:
        return self.href(with_page(self.args, page))

    def sort(self, sort: str) -> str:
        return self.href(with_sort(self.args, sort))

    def query(self, q: str) -> str:
        return self.href(with_query(self.args, q))

    def as_typed(self) -> str:
        """This search with its words as typed, not replaced by a spelling correction."""
        return self.href({**with_page(self.args, 1), "as_typed": ["1"]})

    def clear_filters(self) -> str:
        """This search's words, sort order and view without any filter."""
        return self.href({k: v for k, v in self.args.items() if k in ("q", "sort", "vis")})

    def view(self, view: str | None) -> str:
        """This search shown another way (None: as a list of documents), back on page 1."""
        new = {k: v for k, v in self.args.items() if k not in ("vis", "page")}
        if view:
            new["vis"] = [view]
        return self.href(new)

    def value(self, key: str, default: str = "") -> str:
        values = self.args.get(key)
        return values[0] if values else default

    def values(self, key: str) -> list[str]:
        return list(self.args.get(key, []))

    def hidden_fields(self, *skip: str) -> list[tuple[str, str]]:
        """(name, value) pairs that carry the current filters through a form, minus `skip` and page."""
        drop = set(skip) | {"page", "as_typed"}  # a new search corrects misspellings again
        return [(k, v) for k in SEARCH_KEYS + VIEW_KEYS if k not in drop for v in self.args.get(k, [])]


def _copy(args: Mapping[str, list[str]]) -> Args:
    return {key: list(values) for key, values in args.items() if values}
