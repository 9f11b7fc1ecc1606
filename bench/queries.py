"""The benchmark's query set, derived from the documents themselves so every query can match.

A QuerySpec is engine-neutral: klimaviden gets it as request parameters, each baseline translates
the same words and filters into its own query language.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bench.vocab import COMPOUND_HEADS, COMPOUND_MODIFIERS
from klimaviden.danish import is_stopword

_WORD = re.compile(r"[^\W\d_]{4,}")
# How many queries of each kind make up the set (>= 200 in total).
KIND_COUNTS = {
    "words1": 35, "words2": 30, "words3": 20, "phrase": 25, "compound_part": 20,
    "topic_filter": 25, "date_range": 25, "filter_only": 20, "frequent": 25,
    # as people type: a letter missing, a word nowhere in the corpus, a question, the longest query
    "misspelled": 20, "unknown": 10, "question": 15, "longest": 5,
}
QUESTION_WORDS = ("hvordan", "hvem", "hvornår", "hvilke", "hvorfor", "kan")
MAX_QUERY_CHARS = 490  # just under the search's limit of 500 characters and 32 words
MAX_QUERY_WORDS = 32
MANY_HITS_KINDS = ("frequent", "filter_only")


@dataclass(frozen=True)
class QuerySpec:
    kind: str
    words: tuple[str, ...] = ()
    phrase: bool = False
    topic: str | None = None
    doc_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def q(self) -> str:
        text = " ".join(self.words)
        return f'"{text}"' if self.phrase else text

    def params(self) -> dict[str, list[str]]:
        """Request parameters as the web app and `parse_search_params` take them."""
        params: dict[str, list[str]] = {}
        if self.words:
            params["q"] = [self.q]
        if self.topic:
            params["topic"] = [self.topic]
        if self.doc_type:
            params["type"] = [self.doc_type]
        if self.date_from:
            params["from"] = [self.date_from.isoformat()]
        if self.date_to:
            params["to"] = [self.date_to.isoformat()]
        return params


def build_queries(docs, seed: int = 1) -> list[QuerySpec]:
    """KIND_COUNTS queries drawn deterministically from `docs` (PlainDoc-like: text, topics, date)."""
    rng = random.Random(f"queries:{seed}")
    doc_words = [[w.lower() for w in _WORD.findall(d.text) if not is_stopword(w.lower())] for d in docs]
    df = Counter(w for words in doc_words for w in set(words))
    n = max(len(docs), 1)
    mid = sorted(w for w, c in df.items() if 3 <= c <= max(4, n // 20) and len(w) >= 5)
    frequent = [w for w, _ in df.most_common(60) if len(w) >= 5][:25] or mid[:5]
    topics = sorted({t for d in docs for t in d.topics}) or ["energi"]
    years = sorted({d.date.year for d in docs if d.date}) or [2021]
    parts = sorted({m.rstrip("s") for m in COMPOUND_MODIFIERS} | set(COMPOUND_HEADS))

    def from_doc(count: int) -> tuple[str, ...]:
        words = rng.choice([w for w in doc_words if len(w) >= count] or [["klima"] * count])
        return tuple(rng.sample(words, count))

    def adjacent_pair() -> tuple[str, ...]:
        for _ in range(100):
            tokens = [t.lower() for t in _WORD.findall(rng.choice(docs).text)]
            if len(tokens) > 2:
                i = rng.randrange(len(tokens) - 1)
                if not is_stopword(tokens[i]) and not is_stopword(tokens[i + 1]):
                    return (tokens[i], tokens[i + 1])
        return ("grøn", "omstilling")

    def year_range() -> tuple[date, date]:
        first = rng.choice(years)
        return date(first, 1, 1), date(min(first + rng.randint(0, 2), years[-1]), 12, 31)

    def misspelled() -> tuple[str, ...]:
        for _ in range(100):
            word = rng.choice(mid or frequent)
            if len(word) >= 7:
                i = rng.randrange(2, len(word) - 1)
                typo = word[:i] + word[i + 1:]
                if typo not in df:
                    return (typo,)
        return ("klimatilpasnig",)

    def unknown() -> tuple[str, ...]:
        while True:
            word = "".join(rng.choice("bcdfghjklmnpqrstvxz") + rng.choice("aeiouyæøå") for _ in range(4))
            if word not in df:
                return (word,)

    def longest() -> tuple[str, ...]:
        long_words = sorted(w for w in df if len(w) >= 12) or ["klimatilpasningsplanerne"]
        words: list[str] = []
        while len(words) < MAX_QUERY_WORDS:
            word = rng.choice(long_words)
            if len(" ".join(words + [word])) > MAX_QUERY_CHARS:
                break
            words.append(word)
        return tuple(words)

    makers = {
        "words1": lambda: QuerySpec("words1", (rng.choice(mid or frequent),)),
        "words2": lambda: QuerySpec("words2", from_doc(2)),
        "words3": lambda: QuerySpec("words3", from_doc(3)),
        "phrase": lambda: QuerySpec("phrase", adjacent_pair(), phrase=True),
        "compound_part": lambda: QuerySpec("compound_part", (rng.choice(parts),)),
        "topic_filter": lambda: QuerySpec("topic_filter", (rng.choice(mid or frequent),), topic=rng.choice(topics)),
        "date_range": lambda: QuerySpec("date_range", (rng.choice(frequent),), date_from=(r := year_range())[0],
                                        date_to=r[1]),
        "filter_only": lambda: _filter_only(rng, topics, year_range),
        "frequent": lambda: QuerySpec("frequent", (rng.choice(frequent),)),
        "misspelled": lambda: QuerySpec("misspelled", misspelled()),
        "unknown": lambda: QuerySpec("unknown", unknown()),
        "question": lambda: QuerySpec("question", (rng.choice(QUESTION_WORDS),) + from_doc(2)),
        "longest": lambda: QuerySpec("longest", longest()),
    }
    return [makers[kind]() for kind, count in KIND_COUNTS.items() for _ in range(count)]


def _filter_only(rng: random.Random, topics, year_range) -> QuerySpec:
    choice = rng.randrange(3)
    if choice == 0:
        return QuerySpec("filter_only", topic=rng.choice(topics))
    if choice == 1:
        return QuerySpec("filter_only", doc_type="presentation")
    start, end = year_range()
    return QuerySpec("filter_only", topic=rng.choice(topics), date_from=start, date_to=end)
