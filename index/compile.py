"""Query compilation: the user's words and phrases as clauses of index terms, and the needles
that highlight them in a snippet. Search and spelling suggestion both compile through here.

A clause is one user word (all its pieces required: "CO2-fangst" is co2 and fangst) or one quoted
phrase (its words in this order); index/ranking.py matches and scores clauses. On top of that:
- a question word ("hvordan", "kan") is an optional clause that adds a little to the score;
- a run of words that is a synonym term (index/synonyms.py) becomes one clause whose
  alternatives are the group's other terms, scored lower;
- a run of words that names an organisation becomes one clause that the organisation's own
  documents match too (search ranks them first);
- a compound word can also match the longer compounds it begins ("varmeplan": "varmeplanlægning",
  index/forms.py) and its two parts written apart close together ("sortering af affald" for
  "affaldssortering") when the query finds few documents: widened_compounds(), scored lower;
- a quoted phrase's words match their inflected forms (index/forms.py); ="..." the forms as written;
- a quoted phrase (not ="...") can be relaxed when it finds few documents (index/relax.py):
  `Compiled.relaxed` holds the clauses with its words close together, then anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from index.analysis import exact_terms, stemmed_alternatives
from index.fields import EXACT, ORGANIZATION, STEMMED
from index.forms import as_written
from index.proximity import NEAR_SLOP
from index.query import UserQuery
from index.synonyms import Synonyms, find_runs, key
from klimaviden.danish import (
    compound_parts,
    index_terms,
    is_question,
    is_question_frame_word,
    is_question_word,
    words,
)

OPTIONAL_WEIGHT = 0.1  # what a question word ("hvordan", "kan") adds, against 1 for other words
SYNONYM_WEIGHT = 0.6  # what a synonym adds, against 1 for the word itself
ORGANIZATION_WEIGHT = 1.0  # what being a document of the organisation named adds
WIDENED_WEIGHT = 0.5  # what a longer compound ("varmeplanlægning" for "varmeplan") or the parts
# of a compound written apart ("sortering af affald" for "affaldssortering") add


@dataclass(frozen=True)
class Piece:
    """One word (or hyphen piece) of the query: any of its spellings matches."""

    terms: tuple[tuple[str, str], ...]  # (field, term) alternatives


@dataclass(frozen=True)
class Clause:
    """A user word (its pieces all required), a quoted phrase (pieces in order), or a run of words
    with alternatives (synonyms, an organisation): it matches its pieces or any alternative."""

    pieces: tuple[Piece, ...]
    phrase: tuple[tuple[str, ...], ...] | None = None  # per position, the exact words allowed there
    optional: bool = False  # never required to match; only adds to the score
    weight: float = 1.0  # multiplies the clause's score
    alternatives: tuple["Clause", ...] = ()  # synonyms: a document may match one of them instead
    slop: int = 0  # a phrase: how many other words may stand between its words, in all
    compound: str = ""  # a compound word (lower case): its longer compounds or its parts apart may match it


@dataclass(frozen=True)
class Compiled:
    clauses: tuple[Clause, ...]
    needles: tuple[str, ...]  # folded stems to highlight
    phrases: tuple[tuple[tuple[str, ...], ...], ...]  # phrases to highlight, as Clause.phrase
    expanded: tuple[str, ...] = ()  # the synonyms searched too, as written in synonyms.toml
    organizations: tuple[str, ...] = ()  # organisations the query names (their documents rank first)
    question: bool = False  # the query asks a question: its words rank by coverage, none required
    # the clauses again with each quoted phrase (not ="...") relaxed: first its words close
    # together (NEAR_SLOP), then anywhere in the document; () when the query has no such phrase
    relaxed: tuple[tuple[Clause, ...], ...] = ()


def _word_clause(word: str, exact: bool) -> Clause | None:
    """One user word: its stems, or (exact) the word as written; None for a stop word. A
    compound word keeps the word, to widen it if need be (widened_compounds)."""
    if exact:
        pieces = tuple(Piece(((EXACT, t),)) for t in exact_terms([word]))
    else:
        alternatives = stemmed_alternatives(word)
        pieces = tuple(Piece(tuple((STEMMED, v) for v in variants)) for variants in alternatives)
    if not pieces:
        return None
    if exact or len(pieces) > 1 or not _is_compound(word):
        return Clause(pieces)
    return Clause(pieces, compound=words(word)[0])


@lru_cache(maxsize=4096)
def _is_compound(word: str) -> bool:
    """A word the index reads as a compound: it has parts besides its own stems."""
    return len(index_terms(word.lower())) > len(stemmed_alternatives(word)[0])


def _word_clauses(user: UserQuery) -> list[Clause | None]:
    """Per user word, its clause (None for a stop word beside real words)."""
    # a query of stop words only ("for", "og") looks for the words themselves in the exact text
    exact = not any(stemmed_alternatives(w) for w in user.words)
    found = [_word_clause(word, exact) for word in user.words]
    asking = is_question(user.words)
    questions = [c is not None and _is_question(w, asking) for w, c in zip(user.words, found)]
    if all(q for q, c in zip(questions, found) if c is not None) and not (user.phrases or user.exact_phrases):
        return found  # "hvordan" alone: search for it
    return [
        Clause(c.pieces, optional=True, weight=OPTIONAL_WEIGHT) if question else c
        for c, question in zip(found, questions)
    ]


def _is_question(word: str, asking: bool) -> bool:
    """A question word ("hvordan", "kan"); in a query that asks a question, also a word of its
    frame ("står bag", "stiller", "vigtig")."""
    return all(is_question_word(w) or (asking and is_question_frame_word(w)) for w in words(word))


def _phrase_clause(phrase: tuple[str, ...], forms) -> tuple[Clause, tuple] | None:
    """A phrase: its words must stand in this order, each in one of its `forms` (a word ->
    exact words function: all inflections for "...", the word itself for ="...")."""
    terms = exact_terms(phrase)
    if not terms:
        return None
    positions = tuple(forms(t) for t in terms)
    # which documents: the phrase's words by stem (fast), unless stems cannot say it
    stemmed = tuple(
        Piece(tuple((STEMMED, v) for v in variants)) for variants in stemmed_alternatives(" ".join(phrase))
    )
    exact = tuple(Piece(tuple((EXACT, f) for f in alternatives)) for alternatives in positions)
    pieces = stemmed if stemmed and forms is not as_written else exact
    return Clause(pieces, positions if len(terms) > 1 else None), positions


def _with_synonyms(user: UserQuery, clauses: list[Clause | None], synonyms: Synonyms, forms):
    """The word clauses with each run of words that is a synonym term merged into one clause
    whose alternatives are the group's other terms; and the synonym phrases and terms searched."""
    merged: list[Clause | None] = list(clauses)
    phrases, expanded, spans = [], [], {}
    for start, end, others in synonyms.expansions(user.words):
        spans[start] = (end, others)
        alternatives = []
        for other in others:
            found = _phrase_clause(tuple(words(other)), forms)
            if found is None:
                continue
            clause, positions = found
            alternatives.append(Clause(clause.pieces, clause.phrase, weight=SYNONYM_WEIGHT))
            if clause.phrase:
                phrases.append(positions)
            expanded.append(other)
        own = [c for c in clauses[start:end] if c is not None and not c.optional]
        pieces = tuple(p for c in own for p in c.pieces)
        merged[start:end] = [Clause(pieces, alternatives=tuple(alternatives))] + [None] * (end - start - 1)
    return merged, phrases, expanded, spans


def _with_organizations(user: UserQuery, clauses: list[Clause | None], organizations: dict, spans):
    """The word clauses with each run of words that names an organisation ("Dansk Industri")
    merged into one clause that the organisation's own documents match too; and the names.
    A run that is a synonym term (`spans`: start -> (end, the other terms)) gets the organisation
    as one more alternative when the term or one of its synonyms is the organisation's name."""
    merged = list(clauses)
    named = []

    def theirs(names) -> tuple[Clause, ...]:
        named.extend(names)
        return tuple(Clause((Piece(((ORGANIZATION, n),)),), weight=ORGANIZATION_WEIGHT) for n in names)

    for start, (end, others) in spans.items():  # "DI" = "Dansk Industri": the synonym names it
        names = tuple(n for t in others for n in organizations.get(key(t), ()))
        if names:
            clause = merged[start]
            merged[start] = Clause(clause.pieces, alternatives=clause.alternatives + theirs(names))
    synonym_words = {i for start, (end, _) in spans.items() for i in range(start, end)}
    for start, end, _, names in find_runs(user.words, organizations):
        if spans.get(start, (None,))[0] == end:
            clause = merged[start]
            merged[start] = Clause(clause.pieces, alternatives=clause.alternatives + theirs(names))
        elif not synonym_words.intersection(range(start, end)):
            own = [c for c in clauses[start:end] if c is not None and not c.optional]
            pieces = tuple(p for c in own for p in c.pieces)
            merged[start:end] = [Clause(pieces, alternatives=theirs(names))] + [None] * (end - start - 1)
    return merged, named


def _needles(clauses, with_phrases: bool = False) -> tuple[str, ...]:
    """The terms of the words to highlight: all but question words and (unless `with_phrases`)
    phrases, which are highlighted whole."""
    found = []
    for c in clauses:
        if not c.optional and (with_phrases or c.phrase is None):
            found.extend(t for p in c.pieces for f, t in p.terms if f in (STEMMED, EXACT))
            found.extend(_needles(c.alternatives, with_phrases))
    return tuple(found)


def compile_query(
    user: UserQuery, forms=as_written, synonyms: Synonyms = Synonyms(), organizations=None
) -> Compiled:
    """The clauses and highlight needles of a query; `forms` gives a word's inflected forms in the
    index (index/forms.py), so quoted phrases match inflections; `synonyms` adds the other terms
    of a synonym group to a word that is one of its terms; `organizations` (synonyms.key of a
    name -> the names) lets the documents of an organisation the query names match it."""
    found = _with_synonyms(user, _word_clauses(user), synonyms, forms)
    word_clauses, synonym_phrases, expanded, spans = found
    word_clauses, named = _with_organizations(user, word_clauses, organizations or {}, spans)
    word_clauses = [c for c in word_clauses if c is not None]
    quoted = [found for p in user.phrases if (found := _phrase_clause(p, forms)) is not None]
    exact = [found for p in user.exact_phrases if (found := _phrase_clause(p, as_written)) is not None]
    quoted_clauses = tuple(clause for clause, _ in quoted)
    exact_clauses = tuple(clause for clause, _ in exact)
    clauses = tuple(word_clauses) + quoted_clauses + exact_clauses
    return Compiled(
        clauses=clauses,
        needles=_needles(word_clauses),
        phrases=tuple(positions for _, positions in quoted + exact) + tuple(synonym_phrases),
        expanded=tuple(dict.fromkeys(expanded)),
        organizations=tuple(dict.fromkeys(named)),
        question=is_question(user.words) and sum(not c.optional for c in clauses) > 1,
        relaxed=_relaxed(tuple(word_clauses), quoted_clauses, exact_clauses),
    )


def _relaxable(clause: Clause) -> bool:
    """A phrase of words that are not all stop words ("af og" stays a phrase)."""
    return clause.phrase is not None and all(f == STEMMED for p in clause.pieces for f, _ in p.terms)


def _relaxed(word_clauses, quoted, exact) -> tuple[tuple[Clause, ...], ...]:
    """The clauses with each quoted phrase relaxed: first its words close together in this
    order, then anywhere in the document; the ="..." phrases stay as they are."""
    if not any(map(_relaxable, quoted)):
        return ()
    near = tuple(replace(c, slop=NEAR_SLOP) if _relaxable(c) else c for c in quoted)
    anywhere = tuple(replace(c, phrase=None) if _relaxable(c) else c for c in quoted)
    return (word_clauses + near + exact, word_clauses + anywhere + exact)


def all_needles(clauses) -> tuple[str, ...]:
    """The terms to highlight one by one of all the clauses, phrases and alternatives included."""
    return tuple(dict.fromkeys(_needles(clauses, with_phrases=True)))


def widened_compounds(compiled: Compiled, forms) -> tuple[Clause, ...]:
    """The query's clauses at their loosest (quoted phrases anywhere) with each compound word
    also matching, scored lower, the longer compounds it begins and its two parts written apart
    close together, in either order ("sortering af affald"); `forms` is the reader's WordForms
    (index/forms.py). () when no word widens."""
    loosest = compiled.relaxed[-1] if compiled.relaxed else compiled.clauses
    widened = tuple(_widened(c, forms) for c in loosest)
    return widened if widened != loosest else ()


def _widened(clause: Clause, forms) -> Clause:
    if not clause.compound:
        return clause
    stems = tuple(t for p in clause.pieces for _, t in p.terms)
    longer = tuple(dict.fromkeys(m for t in stems for m in forms.longer_compounds(t) if m not in stems))
    more = [Clause((Piece(tuple((STEMMED, m) for m in longer)),), weight=WIDENED_WEIGHT)] if longer else []
    more.extend(_apart(clause.compound, forms))
    return replace(clause, alternatives=clause.alternatives + tuple(more)) if more else clause


def _apart(compound: str, forms) -> list[Clause]:
    """A compound of two parts as its parts close together, in either order: "affaldssortering"
    as "sortering af affald" or "affald til sortering"."""
    parts = compound_parts(compound)
    stems = [stemmed_alternatives(part) for part in parts]
    if len(parts) != 2 or not all(stems):
        return []
    pieces = tuple(Piece(tuple((STEMMED, v) for v in variants[0])) for variants in stems)
    positions = tuple(forms(part) for part in parts)
    return [Clause(pieces, order, slop=NEAR_SLOP, weight=WIDENED_WEIGHT) for order in (positions, positions[::-1])]
