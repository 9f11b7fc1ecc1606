"""Synonyms and acronyms: words and phrases that mean the same, searched together.

The list is maintained in the corpus as `synonyms.toml`:

    [[group]]
    terms = ["PtX", "Power-to-X"]

    [[group]]
    terms = ["klimahandlingsplan", "klimahandleplan"]

A query holding one term of a group also searches the group's other terms, each as a phrase in any
inflection; a document matching only a synonym scores below one matching the word itself. Terms
are compared by their analysed words, so "ptx", "PtX" and "PTX" are one term, and "VE" in a query
matches the group of "VE" but not the word "ve" inside "CO2-ve".

A reindex snapshots the groups into the index generation's metadata (`snapshot()`), so the web
app searches with the synonyms of the generation it reads and needs no restart.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from index.errors import ConfigError
from klimaviden.danish import is_stopword, term_variants, words

FILE_NAME = "synonyms.toml"
MAX_TERM_WORDS = 8


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...] = ()

    def expansions(self, query_words) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, other terms) for each run of query words that is a term of a group:
        the query's words start..end-1 may also be any of the other terms. Longest runs first,
        runs do not overlap."""
        groups = {key(t): self.groups[i] for t, i in self._pairs()}
        return [
            (start, end, tuple(t for t in group if key(t) != run))
            for start, end, run, group in find_runs(query_words, groups)
        ]

    def _pairs(self):
        return ((term, i) for i, group in enumerate(self.groups) for term in group if key(term))


def find_runs(query_words, named: dict) -> list[tuple[int, int, tuple[str, ...], object]]:
    """(start, end, key, value) for each run of query words whose analysed words are a key of
    `named` (see key()); longest runs first, runs do not overlap."""
    if not named:
        return []
    longest = max(len(k) for k in named)
    analysed = [key(w) for w in query_words]
    found = []
    start = 0
    while start < len(analysed):
        for end in range(min(len(analysed), start + longest), start, -1):
            run = tuple(t for k in analysed[start:end] for t in k)
            if run and run in named:
                found.append((start, end, run, named[run]))
                start = end
                break
        else:
            start += 1
    return found


def key(text: str) -> tuple[str, ...]:
    """The analysed words of a term, for comparing terms: stems of its words, stop words kept."""
    return tuple(term_variants(w)[0] if not is_stopword(w) else w for w in words(text))


def parse(text: str, source: str = FILE_NAME) -> Synonyms:
    """The groups of a synonyms.toml text; ConfigError (in Danish) naming the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source} er ikke gyldig TOML: {exc}") from None
    groups = data.get("group", [])
    unknown = set(data) - {"group"}
    if unknown:
        raise ConfigError(f"{source}: ukendt nøgle {', '.join(sorted(unknown))} (kun [[group]] er tilladt)")
    if not isinstance(groups, list):
        raise ConfigError(f"{source}: 'group' skal skrives som [[group]]-afsnit")
    out = []
    for number, group in enumerate(groups, start=1):
        terms = group.get("terms") if isinstance(group, dict) else None
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ConfigError(f"{source}: gruppe {number} skal have terms = [\"ord\", \"andet ord\", ...]")
        cleaned = tuple(dict.fromkeys(" ".join(t.split()) for t in terms if t.strip()))
        if len(cleaned) < 2:
            raise ConfigError(f"{source}: gruppe {number} skal have mindst to forskellige termer")
        for term in cleaned:
            if not key(term):
                raise ConfigError(f"{source}: gruppe {number}: {term!r} indeholder ingen ord")
            if len(words(term)) > MAX_TERM_WORDS:
                raise ConfigError(f"{source}: gruppe {number}: {term!r} har mere end {MAX_TERM_WORDS} ord")
        out.append(cleaned)
    return Synonyms(tuple(out))


def load(corpus_dir: Path) -> Synonyms:
    """The corpus's synonyms.toml (no file: no synonyms)."""
    path = Path(corpus_dir) / FILE_NAME
    if not path.exists():
        return Synonyms()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path} kan ikke læses: {exc}") from None
    return parse(text, str(path))


def snapshot(corpus_dir: Path) -> list[list[str]]:
    """The synonyms to store in a generation's metadata (meta["synonyms"]); raises ConfigError for a
    broken file, before anything is written."""
    return [list(group) for group in load(corpus_dir).groups]


def from_meta(meta: dict) -> Synonyms:
    return Synonyms(tuple(tuple(group) for group in meta.get("synonyms") or ()))
