"""Spelling correction of query words from the index's own vocabulary.

The vocabulary is the alphabetic words of the exact field with their document frequencies. A
reindex writes it beside the index after each commit (write_vocabulary: a plain text file, stamped
with the commit), and the speller of an open reader reads it on the first word that needs a
correction (tens of milliseconds); without a file for its commit it reads Whoosh's term list
instead (about 15 µs a term, seconds on a large vocabulary). A correction is then one C-speed
edit-distance scan (rapidfuzz) over the words of the same first letter, about a millisecond,
instead of Whoosh's terms_within automaton over the whole term index (50-500 ms on a real corpus).

The rule: a word of MIN_WORD+ letters that the index knows in fewer than RARE documents (as written
or by its stem) is corrected to the more common vocabulary word at the smallest edit distance (a
swap of two neighbouring letters counts as one edit), at most 1 for words up to 5 letters and 2 for
longer ones; ties go to the word in more documents.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.analysis import stemmed_alternatives
from index.fields import EXACT, STEMMED
from index.fsio import write_atomic
from index.lexicon import Lexicon
from index.store import reader_toc
from klimaviden.danish import normalize

MIN_WORD = 4
VOCABULARY_FILE = "vocabulary.txt"
RARE = 3  # a word in fewer documents may be a typo of a more common word
LOOKED_UP_WORDS = 4096  # words whose frequency an open reader remembers


def max_distance(word: str) -> int:
    return 1 if len(word) <= 5 else 2


def read_vocabulary(reader) -> dict[str, int]:
    """word -> document frequency, for the words a correction may be: alphabetic, MIN_WORD+ letters.
    Reads each segment's term list (faster than Whoosh's merged one)."""
    vocabulary: dict[str, int] = {}
    for leaf, _ in reader.leaf_readers():
        for term, info in leaf.iter_field(EXACT):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            if len(word) >= MIN_WORD and word.isalpha():
                vocabulary[word] = vocabulary.get(word, 0) + info.doc_frequency()
    return vocabulary


def write_vocabulary(generation_dir: Path, reader) -> Path:
    """Write the vocabulary of the reader's commit beside the index, for the spellers of the
    readers that open it. A reindex calls this after each commit."""
    path = Path(generation_dir) / VOCABULARY_FILE
    lines = [_toc_line(reader_toc(reader))]
    lines.extend(f"{word}\t{frequency}" for word, frequency in sorted(read_vocabulary(reader).items()))
    write_atomic(path, "\n".join(lines) + "\n")
    return path


def vocabulary_is_current(generation_dir: Path, toc) -> bool:
    """True when the generation's vocabulary file was written for the commit ``toc``."""
    try:
        with open(Path(generation_dir) / VOCABULARY_FILE, encoding="utf-8") as handle:
            return handle.readline().rstrip("\n") == _toc_line(toc)
    except (OSError, UnicodeDecodeError):
        return False


def _toc_line(toc) -> str:
    return f"#toc\t{toc}"


def _vocabulary_file(path: Path | None, toc) -> dict[str, int] | None:
    """The written vocabulary, if there is one for this commit."""
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") != _toc_line(toc):
                return None
            pairs = (line.rstrip("\n").split("\t") for line in handle)
            return {word: int(frequency) for word, frequency in pairs}
    except (OSError, ValueError):  # missing, being replaced or damaged: read the index instead
        return None


class Speller:
    """Corrections for one open reader."""

    def __init__(self, reader, generation_dir: Path | None = None, lexicon: Lexicon | None = None):
        self.reader = reader
        self.lexicon = lexicon if lexicon is not None else Lexicon(reader)
        self.path = Path(generation_dir) / VOCABULARY_FILE if generation_dir is not None else None
        self.from_file = False
        self._buckets: dict[str, tuple[list[str], list[int]]] | None = None
        self._frequencies: dict[str, int] = {}
        self._looked_up: dict[str, int] = {}
        self._lock = threading.Lock()

    def load(self) -> int:
        """Read the vocabulary now rather than on the first word that needs it; its size."""
        self._vocabulary()
        return len(self._frequencies)

    def _vocabulary(self) -> dict[str, tuple[list[str], list[int]]]:
        with self._lock:
            if self._buckets is None:
                vocabulary = _vocabulary_file(self.path, reader_toc(self.reader))
                self.from_file = vocabulary is not None
                if vocabulary is None:
                    vocabulary = read_vocabulary(self.reader)
                self._frequencies = vocabulary
                buckets: dict[str, tuple[list[str], list[int]]] = {}
                for word, frequency in vocabulary.items():
                    words, frequencies = buckets.setdefault(word[0], ([], []))
                    words.append(word)
                    frequencies.append(frequency)
                self._buckets = buckets
            return self._buckets

    def frequency(self, word: str) -> int:
        """In how many documents the word stands, as written or by its stem (at least RARE when
        the word as written is that common already). Remembered per open reader."""
        found = self._looked_up.get(word)
        if found is None:
            if len(self._looked_up) >= LOOKED_UP_WORDS:
                self._looked_up.clear()
            found = self._looked_up[word] = self._frequency(word)
        return found

    def _frequency(self, word: str) -> int:
        self._vocabulary()
        exact = self._frequencies.get(word)
        if exact is None:
            exact = self._doc_frequency(EXACT, word)
        if exact >= RARE:
            return exact
        stems = [self._doc_frequency(STEMMED, v) for a in stemmed_alternatives(word) for v in a]
        return max([exact] + stems)

    def _doc_frequency(self, field: str, term: str) -> int:
        # a term no segment lists is in no document: the term list says so without a lookup in
        # every segment
        return self.reader.doc_frequency(field, term) if (field, term) in self.lexicon else 0

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
