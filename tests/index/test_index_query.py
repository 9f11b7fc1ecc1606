"""Reading search parameters and the user's text (pure functions)."""

from __future__ import annotations

from datetime import date

import pytest

from index.errors import InvalidRequest
from index.query import SearchRequest, parse_search_params, parse_user_query


def test_defaults():
    assert parse_search_params({}) == SearchRequest()


def test_all_parameters():
    request = parse_search_params(
        {"q": [" skybrud "], "theme": ["klimatilpasning"], "topic": ["energi", "transport", "energi"],
         "type": ["report"], "org": ["Dansk Industri"], "from": ["2021-01-01"], "to": ["2021-12-31"],
         "sort": ["date"], "page": ["3"], "per_page": ["25"]},
        valid_topics=["energi", "transport"],
    )
    assert request == SearchRequest(
        q="skybrud", theme="klimatilpasning", topics=("energi", "transport"), type="report",
        org="Dansk Industri", date_from=date(2021, 1, 1), date_to=date(2021, 12, 31), sort="date",
        page=3, per_page=25,
    )


@pytest.mark.parametrize(
    "params, named",
    [
        ({"from": ["2021-13-01"]}, "from"),
        ({"to": ["i går"]}, "to"),
        ({"from": ["2022-01-01"], "to": ["2021-01-01"]}, "from"),
        ({"page": ["0"]}, "page"),
        ({"page": ["-1"]}, "page"),
        ({"page": ["1001"]}, "page"),
        ({"page": ["en"]}, "page"),
        ({"per_page": ["101"]}, "per_page"),
        ({"per_page": ["0"]}, "per_page"),
        ({"sort": ["newest"]}, "sort"),
        ({"type": ["blog"]}, "type"),
        ({"topic": ["vejr"]}, "vejr"),
        ({"theme": ["Ikke et slug!"]}, "theme"),
        ({"q": ["x" * 501]}, "lang"),
    ],
)
def test_bad_parameters_are_named_in_the_message(params, named):
    with pytest.raises(InvalidRequest) as caught:
        parse_search_params(params, valid_topics=["energi"])
    assert named in str(caught.value)


def test_empty_values_count_as_absent():
    assert parse_search_params({"q": [""], "theme": [""], "page": [""], "topic": ["", " "]}) == SearchRequest()


def test_quoted_phrases_and_words():
    user = parse_user_query('"Kalundborg Forsyning" skybrud "før" co2-fangst')
    assert user.phrases == (("Kalundborg", "Forsyning"), ("før",))
    assert user.words == ("skybrud", "co2-fangst")


@pytest.mark.parametrize("text", ['skybrud AND (', 'title:x OR', '"unclosed phrase', "*?~^", "NOT -+"])
def test_query_syntax_is_only_words(text):
    user = parse_user_query(text)
    assert all(ch.isalnum() or ch == "-" for w in user.words for ch in w)


def test_long_queries_are_bounded():
    assert len(parse_user_query("ord " * 200).words) == 32
