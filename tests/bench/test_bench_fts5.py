"""The SQLite FTS5 baseline answers the benchmark's queries with totals, filters and facets."""

from datetime import date

from bench.engines.fts5 import Fts5Engine, build, match_expression
from bench.extract import PlainDoc
from bench.queries import QuerySpec

DOCS = [
    PlainDoc("a", "a.txt", "Fjernvarme i Middelfart", "Fjernvarme og varmepumper i kommunen", "announcement",
             date(2021, 4, 22), ("energi",), ("energi",), ("KL",)),
    PlainDoc("b", "b.txt", "Cykelstier", "Nye cykelstier og grøn transport i kommunen", "presentation",
             date(2019, 5, 1), ("transport",), (), ()),
]


def test_queries_match_filter_and_count(tmp_path):
    build(DOCS, tmp_path)
    engine = Fts5Engine(tmp_path)
    assert engine.search(QuerySpec("words1", ("kommunen",))) == 2
    assert engine.search(QuerySpec("phrase", ("grøn", "transport"), phrase=True)) == 1
    assert engine.search(QuerySpec("topic_filter", ("kommunen",), topic="energi")) == 1
    assert engine.search(QuerySpec("date_range", ("kommunen",), date_from=date(2021, 1, 1))) == 1
    assert engine.search(QuerySpec("filter_only", doc_type="presentation")) == 1
    engine.close()


def test_user_words_are_quoted_for_match():
    assert match_expression(QuerySpec("x", ('co2"fangst', "og"))) == '"co2""fangst" AND "og"'


def test_rank_lists_paths_best_first_and_nothing_for_filters_only(tmp_path):
    build(DOCS, tmp_path)
    engine = Fts5Engine(tmp_path)
    assert engine.rank(QuerySpec("words1", ("fjernvarme",))) == ["a.txt"]
    assert set(engine.rank(QuerySpec("words1", ("kommunen",)))) == {"a.txt", "b.txt"}
    assert engine.rank(QuerySpec("filter_only", doc_type="presentation")) == []
    engine.close()


def test_a_typed_query_becomes_words_or_a_phrase():
    assert QuerySpec.from_text("k", ' hvem står bag DK2020 ').words == ("hvem", "står", "bag", "DK2020")
    phrase = QuerySpec.from_text("k", '"Kalundborg Symbiose"')
    assert phrase.phrase and phrase.words == ("Kalundborg", "Symbiose") and phrase.q == '"Kalundborg Symbiose"'
