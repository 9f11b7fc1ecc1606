"""The bench's query mix: the new kinds are what their names say, and the old kinds do not move."""

import re
from datetime import date

from bench.extract import PlainDoc
from bench.queries import KIND_COUNTS, QUESTION_WORDS, build_queries
from index.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS, parse_search_params

SENTENCES = (
    "Klimatilpasningsplanen beskriver skybrudssikring og forsinkelsesbassiner i kommunen",
    "Forsyningsselskaberne etablerer varmepumper og fjernvarmeledninger til overskudsvarmen",
    "Borgerinddragelsen i klimahandleplanen skete gennem borgersamlinger og workshops",
    "Energirenoveringen af daginstitutionerne sænkede energiforbruget betydeligt",
)
DOCS = [PlainDoc(f"d{i}", f"d{i}.txt", f"Dokument {i}", " ".join((SENTENCES[i % 4:] + SENTENCES[:i % 4]) * 3),
                 "announcement", date(2020 + i % 3, 1 + i % 12, 1), ("energi",)) for i in range(12)]
VOCABULARY = {w.lower() for d in DOCS for w in re.findall(r"\w+", d.text)}


def by_kind(queries, kind):
    return [q for q in queries if q.kind == kind]


def test_every_kind_has_its_count_and_the_old_kinds_are_unchanged():
    queries = build_queries(DOCS, seed=7)
    assert [q.kind for q in queries] == [kind for kind, n in KIND_COUNTS.items() for _ in range(n)]
    assert build_queries(DOCS, seed=7) == queries  # seeded
    old = [q for q in queries if q.kind not in ("misspelled", "unknown", "question", "longest")]
    assert old == queries[:len(old)]


def test_misspelled_and_unknown_words_are_in_no_document():
    queries = build_queries(DOCS, seed=7)
    for spec in by_kind(queries, "misspelled") + by_kind(queries, "unknown"):
        assert len(spec.words) == 1 and spec.words[0] not in VOCABULARY, spec
    # a misspelling stays close to a real word: same first letter, one letter more, less or different
    for spec in by_kind(queries, "misspelled"):
        typo = spec.words[0]
        assert any(w[0] == typo[0] and abs(len(w) - len(typo)) <= 1 for w in VOCABULARY)


def test_questions_start_with_a_question_word():
    for spec in by_kind(build_queries(DOCS, seed=7), "question"):
        assert spec.words[0] in QUESTION_WORDS and 2 <= len(spec.words) <= 3


def test_the_longest_query_is_as_long_as_the_search_form_allows():
    for spec in by_kind(build_queries(DOCS, seed=7), "longest"):
        assert len(spec.q) <= MAX_QUERY_CHARS and len(spec.words) <= MAX_QUERY_WORDS
        assert len(spec.q) >= MAX_QUERY_CHARS - 40 or len(spec.words) == MAX_QUERY_WORDS
        assert all(len(w) >= 12 for w in spec.words)
        parse_search_params(spec.params(), valid_topics=["energi"])  # accepted, not refused as too long
