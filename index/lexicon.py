"""The sorted terms of an index field, held in memory per open reader.

Whoosh finds the terms that begin with a prefix (reader.expand_prefix) by merging the term lists
of every segment, about 10 µs a term and segment, and a term the index lacks costs a lookup in
every segment. The words a query looks up this way (the inflected forms of a phrase word, the
longer compounds of a compound, whether a word is in the index at all) are read from one sorted
list of the field's terms instead: a bisection and a slice. The list is read once per open reader,
on first use or when SearchService.warm() loads it ahead (`load`), from each segment's own term
list (faster than Whoosh's merged one). It holds every term of the field that any segment lists,
also one whose documents are all deleted, as Whoosh's term iteration does: the same terms, in the
same (code point) order. Memory: the field's distinct terms as strings, about 70 bytes a term
(2,526 and 1,424 terms for the exact and stemmed fields of the 20,000-document bench: 0.3 MB).
"""

from __future__ import annotations

import sys
import threading
from bisect import bisect_left


class Lexicon:
    """field -> its sorted terms, for one open reader."""

    def __init__(self, reader):
        self.reader = reader
        self._terms: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    def terms(self, field: str) -> list[str]:
        """The field's distinct terms in order (read on the first call)."""
        found = self._terms.get(field)
        if found is None:
            with self._lock:
                found = self._terms.get(field)
                if found is None:
                    found = self._terms[field] = _read(self.reader, field)
        return found

    def load(self, *fields: str) -> int:
        """Read the term lists of `fields` now; how many terms they hold."""
        return sum(len(self.terms(field)) for field in fields)

    def with_prefix(self, field: str, prefix: str, limit: int) -> list[str]:
        """The first `limit` terms of the field that begin with `prefix`, in order."""
        terms = self.terms(field)
        start = bisect_left(terms, prefix)
        end = bisect_left(terms, after, start) if (after := _after(prefix)) is not None else len(terms)
        return terms[start : min(end, start + limit)]

    def __contains__(self, item: tuple[str, str]) -> bool:
        """(field, term) in lexicon: whether any segment lists the term."""
        field, term = item
        terms = self.terms(field)
        at = bisect_left(terms, term)
        return at < len(terms) and terms[at] == term


def _after(prefix: str) -> str | None:
    """The first string after every string that begins with `prefix` (None: there is none)."""
    while prefix and prefix[-1] == chr(sys.maxunicode):
        prefix = prefix[:-1]
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else None


def _read(reader, field: str) -> list[str]:
    # UTF-8 bytes sort as their code points do: sorting the bytes sorts the strings
    found: set[bytes] = set()
    for leaf, _ in reader.leaf_readers():
        found.update(leaf.lexicon(field))
    return [term.decode("utf-8") for term in sorted(found)]
