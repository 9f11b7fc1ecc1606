"""Spelling correction of query words from the index's own vocabulary.

The vocabulary is the alphabetic words of the exact field, grouped by first letter with their
document frequencies. It is read once per open reader, on the first word that needs it, and then
a correction is one C-speed edit-distance scan over the words of one letter (rapidfuzz), about a
millisecond, instead of Whoosh's terms_within automaton over the whole term index (50-500 ms on a
real corpus).

The rule: a word of MIN_WORD+ letters that the index knows in fewer than RARE documents (as written
or by its stem) is corrected to a more common the vocabulary word at the smallest edit distance (a swap of two neighbouring
letters counts as one edit), at most 1 for words up to 5 letters and 2 for longer ones; ties go to
the word in more documents.
"""

from __future__ import annotations

import re
import threading

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.analysis import stemmed_alternatives
from index.fields import EXACT, STEMMED
from klimaviden.danish import normalize

MIN_WORD = 4
RARE = 3  # a word in fewer documents may be a typo of a more common word


def max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


class Speller:
    """Corrections for one open reader."""

    def __init__(self, reader):
        self.reader = reader
        self._buckets: dict[str, tuple[list[str], list[int]]] | None = None
        self._lock = threading.Lock()

    def _vocabulary(self) -> dict[str, tuple[list[str], list[int]]]:
        with self._lock:
            if self._buckets is None:
                buckets: dict[str, tuple[list[str], list[int]]] = {}
                for term, info in self.reader.iter_field(EXACT):
                    word = term.decode("utf-8") if isinstance(term, bytes) else term
                    if len(word) < MIN_WORD or not word.isalpha():
                        continue
                    words, frequencies = buckets.setdefault(word[0], ([], []))
                    words.append(word)
                    frequencies.append(info.doc_frequency())
                self._buckets = buckets
            return self._buckets

    def frequency(self, word: str) -> int:
        """In how many documents the word stands, as written or by its stem."""
        return max(
            [self.reader.doc_frequency(EXACT, word)]
            + [self.reader.doc_frequency(STEMMED, v) for a in stemmed_alternatives(word) for v in a]
        )

    def correct(self, word: str) -> str | None:
        """The correction of one user word, or None when it is known, too short or not a word."""
        word = normalize(word).lower()
        if len(word) < MIN_WORD or not word.isalpha():
            return None
        own = self.frequency(word)
        if own >= RARE:
            return None
        bucket = self._vocabulary().get(word[0])
        if not bucket:
            return None
        words, frequencies = bucket
        found = process.extract(
            word, words, scorer=OSA.distance, score_cutoff=max_distance(word), limit=None
        )
        found = [hit for hit in found if frequencies[hit[2]] > own and hit[0] != word]
        if not found:
            return None
        _, _, best = min(found, key=lambda hit: (hit[1], -frequencies[hit[2]], hit[0]))
        return words[best]

    def correct_text(self, text: str, words) -> tuple[str, bool] | None:
        """(text with each correctable word replaced by its correction, whether every replaced
        word was unknown to the index), or None if no word is correctable."""
        fixed = {w: c for w in dict.fromkeys(words) if (c := self.correct(w))}
        if not fixed:
            return None
        for wrong, right in fixed.items():
            text = re.sub(rf"(?<!\w){re.escape(wrong)}(?!\w)", right, text)
        return text, not any(self.frequency(normalize(w).lower()) for w in fixed)
