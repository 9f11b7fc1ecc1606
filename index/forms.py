"""The inflected forms of a word that stand in the index: what a quoted phrase matches.

A phrase "Kalundborg Symbiose" must find "Kalundborg Symbiosen": each of its words matches, at its
position, every word of the exact field with the same Danish stem. Snowball stems only remove
endings, so those words all begin with the word's stem: they are read from the exact field's
sorted term list from the stem on, at most MAX_SCANNED terms, and cached per open reader.
"""

from __future__ import annotations

from collections import OrderedDict
from itertools import islice

from index.fields import EXACT
from klimaviden.danish import stem, term_variants

MAX_SCANNED = 3000  # terms read after the stem ("by": bydel, byen, bygning ...)
MAX_FORMS = 40
MIN_WORD = 3  # shorter words ("i", "en") have no inflections worth a scan of the term list
CACHED_WORDS = 2048


class WordForms:
    """word -> its forms in the exact field (the word itself first), for one open reader."""

    def __init__(self, reader):
        self.reader = reader
        self._cache: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    def __call__(self, word: str) -> tuple[str, ...]:
        found = self._cache.get(word)
        if found is None:
            found = self._read(word)
            self._cache[word] = found
            if len(self._cache) > CACHED_WORDS:
                self._cache.popitem(last=False)
        return found

    def _read(self, word: str) -> tuple[str, ...]:
        if len(word) < MIN_WORD:
            return (word,)
        wanted = set(term_variants(word))
        forms = [word]
        for candidate in islice(self.reader.expand_prefix(EXACT, stem(word)), MAX_SCANNED):
            text = candidate.decode("utf-8") if isinstance(candidate, bytes) else candidate
            if text != word and wanted.intersection(term_variants(text)):
                forms.append(text)
                if len(forms) >= MAX_FORMS:
                    break
        return tuple(forms)


def as_written(word: str) -> tuple[str, ...]:
    """The forms of a word for an exact phrase: the word itself."""
    return (word,)
