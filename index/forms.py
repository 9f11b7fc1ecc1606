"""The inflected forms of a word that stand in the index: what a quoted phrase matches.

A phrase "Kalundborg Symbiose" must find "Kalundborg Symbiosen": each of its words matches, at its
position, every word of the exact field with the same Danish stem. Snowball stems only remove
endings, so those words all begin with the word's stem: they are read from the exact field's
sorted term list (index/lexicon.py) from the stem on, at most MAX_SCANNED terms, and cached per
open reader.

The longer compounds of a compound: "varmeplan" is the start of "varmeplanlægning", whose parts
the index holds as varme and planlægning, so the plan does not match by its parts. The stems of
the stemmed field that begin with the compound's stem and go on for at least a short word more
(LONGER_BY letters: not an inflection, which the stem has removed) are its longer compounds.
"""

from __future__ import annotations

from collections import OrderedDict

from index.fields import EXACT, STEMMED
from index.lexicon import Lexicon
from klimaviden.danish import stem, term_variants

MAX_SCANNED = 3000  # terms read after the stem ("by": bydel, byen, bygning ...)
MAX_FORMS = 40
MIN_WORD = 3  # shorter words ("i", "en") have no inflections worth a scan of the term list
CACHED_WORDS = 2048
LONGER_BY = 4  # letters a longer compound adds at least ("varmeplan" + "lægning")
MAX_LONGER = 8  # longer compounds searched for one word, the first in the term list


class WordForms:
    """word -> its forms in the exact field (the word itself first), for one open reader."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._cache: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._longer_cache: OrderedDict[str, tuple[str, ...]] = OrderedDict()

    def __call__(self, word: str) -> tuple[str, ...]:
        return _cached(self._cache, word, self._read)

    def longer_compounds(self, term: str) -> tuple[str, ...]:
        """The stems of the stemmed field that are the compound stem `term` and a word more."""
        return _cached(self._longer_cache, term, lambda t: tuple(self._longer(t)))

    def _longer(self, term: str):
        count = 0
        for text in self.lexicon.with_prefix(STEMMED, term, MAX_SCANNED):
            if len(text) >= len(term) + LONGER_BY:
                yield text
                count += 1
                if count >= MAX_LONGER:
                    return

    def _read(self, word: str) -> tuple[str, ...]:
        if len(word) < MIN_WORD:
            return (word,)
        wanted = set(term_variants(word))
        forms = [word]
        for text in self.lexicon.with_prefix(EXACT, stem(word), MAX_SCANNED):
            if text != word and wanted.intersection(term_variants(text)):
                forms.append(text)
                if len(forms) >= MAX_FORMS:
                    break
        return tuple(forms)


def _cached(cache: OrderedDict, key: str, read) -> tuple[str, ...]:
    found = cache.get(key)
    if found is None:
        found = read(key)
        cache[key] = found
        if len(cache) > CACHED_WORDS:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return found


def as_written(word: str) -> tuple[str, ...]:
    """The forms of a word for an exact phrase: the word itself."""
    return (word,)
