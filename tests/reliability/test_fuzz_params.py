"""Property-based tests over every search parameter of /api/search, the search page `/` and
`klimaviden search`: whatever arrives, the answer is a result or a 400 (CLI: exit 2) with a
message naming the problem, never a 5xx, a traceback or unbounded work."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klimaviden.cli import main

TOPICS = ["energi", "transport", "klimatilpasning", "co2-regnskab", "ledelse"]
TYPES = ["announcement", "presentation", "report", "case", "minutes", "other"]

junk = st.text(max_size=60)
numbers = st.one_of(
    st.integers(-10, 2000).map(str),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["", " ", "1.5", "1e3", "0x10", "NaN", "∞", "١٢", "10 ", "+3", "00007"]),
    junk,
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2021-02-30", "2021-13-01", "21-01-01", "2021/01/01", "0000-00-00", "i går"]),
    junk,
)
queries = st.one_of(
    junk,
    st.sampled_from([
        "skybrud", '"Kalundborg Forsyning"', "CO2-fangst", "partnerskab AND (", 'title:"x', "*", "?",
        "NOT", "a" * 600, "skybrud " * 200, "<script>alert(1)</script>", "%00", "\\", "ø" * 501,
    ]),
)
search_params = st.fixed_dictionaries(
    {},
    optional={
        "q": queries,
        "theme": st.one_of(st.sampled_from(["erhvervspartnerskaber-og-sektorkobling", "x" * 300]), junk),
        "topic": st.lists(st.one_of(st.sampled_from(TOPICS), junk), max_size=3),
        "type": st.one_of(st.sampled_from(TYPES), junk),
        "org": st.one_of(st.sampled_from(["Dansk Industri", "KL", "x" * 300]), junk),
        "from": dates,
        "to": dates,
        "sort": st.one_of(st.sampled_from(["relevance", "date"]), junk),
        "page": numbers,
        "per_page": numbers,
    },
)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def query_pairs(params: dict) -> list[tuple[str, str]]:
    pairs = []
    for key, value in params.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, item))
    return pairs


@FUZZ
@given(params=search_params)
def test_the_api_answers_every_parameter_combination_with_a_result_or_a_400(client, params):
    started = time.monotonic()
    response = client.get("/api/search", query_string=query_pairs(params))
    assert time.monotonic() - started < 10
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:500]
    body = response.get_json()
    if response.status_code == 400:
        assert body["ok"] is False and body["status"] == 400 and body["error"].strip()
        return
    assert 1 <= body["per_page"] <= 100 and 1 <= body["page"] <= 1000
    assert len(body["results"]) <= body["per_page"]
    assert isinstance(body["total"], int) and body["total"] >= len(body["results"])


@FUZZ
@given(params=search_params)
def test_the_search_page_answers_every_parameter_combination_with_a_page_or_a_400(client, params):
    response = client.get("/", query_string=query_pairs(params))
    assert response.status_code in (200, 400)
    text = response.get_data(as_text=True)
    assert response.content_type.startswith("text/html")
    assert "Traceback" not in text
    if response.status_code == 400:
        assert "kan ikke bruges" in text or "skal være" in text or "for lang" in text or "Ukendt" in text


def cli_args(params: dict) -> list[str]:
    args = ["search"]
    if "q" in params:
        args += ["--", params["q"]] if params["q"].startswith("-") else [params["q"]]
    options = {"theme": "--theme", "type": "--type", "org": "--org", "from": "--from", "to": "--to",
               "sort": "--sort", "page": "--page", "per_page": "--limit"}
    for key, flag in options.items():
        if key in params:
            args[1:1] = [flag, params[key]]
    for topic in params.get("topic", []):
        args[1:1] = ["--topic", topic]
    return args


@settings(max_examples=40, deadline=None)
@given(params=search_params)
def test_the_cli_answers_every_parameter_combination_or_exits_2_with_a_message(built_index, params):
    args = cli_args(params) + ["--json", "--index", str(built_index.index), "--corpus", str(built_index.corpus)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 2), (args, result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert "Error" in result.output or "Fejl" in result.output
    else:
        assert result.exception is None


@pytest.mark.parametrize(
    "query_string, word",
    [
        ({"q": "skybrud " * 2000}, "for lang"),
        ({"page": "1" + "0" * 40}, "page"),
        ({"page": "1001"}, "page"),
        ({"per_page": "100000"}, "per_page"),
        ({"q": "skybrud", "page": "-1"}, "page"),
        ({"from": "2021-02-30"}, "from"),
        ({"topic": "ikke-et-emne"}, "topic"),
    ],
)
def test_long_queries_and_huge_pages_are_refused_quickly_with_a_message(client, query_string, word):
    started = time.monotonic()
    response = client.get("/api/search", query_string=query_string)
    assert time.monotonic() - started < 2
    assert response.status_code == 400
    assert word in response.get_json()["error"]


def test_the_longest_accepted_query_is_answered_in_bounded_time(client):
    words = " ".join(f"ord{n} skybrud" for n in range(60))[:500]
    started = time.monotonic()
    response = client.get("/api/search", query_string={"q": words, "per_page": "100", "page": "1000"})
    assert response.status_code == 200
    assert time.monotonic() - started < 5
    assert response.get_json()["results"] == []
