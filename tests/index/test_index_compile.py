"""Query compilation: the user's text as clauses of index terms and highlight needles."""

from __future__ import annotations

from index import fields
from index.compile import compile_query
from index.query import parse_user_query
from index.schema import build_schema
from klimaviden.danish import term


def compiled(text: str):
    return compile_query(parse_user_query(text))


def test_field_names_used_by_search_are_fields_of_the_schema():
    names = [v for k, v in vars(fields).items() if k.isupper()]
    assert names and set(names) <= set(build_schema().names())


def test_each_word_is_a_clause_of_its_stems_and_stop_words_beside_words_are_dropped():
    result = compiled("skybrud i Vejle")
    assert [[p.terms for p in c.pieces] for c in result.clauses] == [
        [((fields.STEMMED, term("skybrud")),)],
        [((fields.STEMMED, term("vejle")),)],
    ]
    assert set(result.needles) == {term("skybrud"), term("vejle")}


def test_a_query_of_stop_words_only_searches_the_words_as_written():
    result = compiled("for og")
    assert [c.pieces[0].terms for c in result.clauses] == [((fields.EXACT, "for"),), ((fields.EXACT, "og"),)]


def test_a_hyphenated_word_requires_every_piece():
    (clause,) = compiled("CO2-fangst").clauses
    assert [p.terms[0][1] for p in clause.pieces] == ["co2", term("fangst")]
