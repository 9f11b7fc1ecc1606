"""URL state: links that add, remove and page keep everything else of the search."""

from urllib.parse import parse_qs, urlsplit

import pytest

from webapp.params import (
    SearchLinks,
    clean_args,
    page_window,
    query_string,
    selected_year,
    with_filter,
    with_page,
    with_sort,
    with_year,
    without_filter,
)


def params_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_clean_args_keeps_known_keys_and_drops_blanks_and_control_characters():
    raw = {"q": [" varme\x00pumpe  "], "from": [""], "to": ["   "], "evil": ["x"], "topic": ["energi", "energi"]}
    assert clean_args(raw) == {"q": ["varme pumpe"], "topic": ["energi"]}


def test_query_string_has_a_fixed_key_order_and_encodes_danish_letters():
    assert query_string({"page": ["2"], "q": ["grøn omstilling"], "topic": ["energi", "affald"]}) == (
        "q=gr%C3%B8n+omstilling&topic=energi&topic=affald&page=2"
    )


def test_adding_a_topic_keeps_the_others_and_returns_to_page_one():
    args = {"q": ["varme"], "topic": ["energi"], "page": ["3"]}
    assert with_filter(args, "topic", "affald") == {"q": ["varme"], "topic": ["energi", "affald"]}
    assert with_filter(args, "topic", "energi") == {"q": ["varme"], "topic": ["energi"]}


def test_a_single_valued_filter_is_replaced():
    assert with_filter({"type": ["report"]}, "type", "minutes") == {"type": ["minutes"]}


def test_removing_one_value_or_a_whole_filter():
    args = {"q": ["x"], "topic": ["energi", "affald"], "org": ["KL"], "page": ["2"]}
    assert without_filter(args, "topic", "energi") == {"q": ["x"], "topic": ["affald"], "org": ["KL"]}
    assert without_filter(args, "org") == {"q": ["x"], "topic": ["energi", "affald"]}
    assert without_filter({"topic": ["energi"]}, "topic", "energi") == {}


def test_a_year_is_a_date_range_and_is_recognised_again():
    args = with_year({"q": ["x"]}, "2021")
    assert args == {"q": ["x"], "from": ["2021-01-01"], "to": ["2021-12-31"]}
    assert selected_year(args) == "2021"
    assert selected_year({"from": ["2021-01-01"], "to": ["2021-06-30"]}) is None
    assert selected_year({}) is None


def test_paging_and_sorting():
    assert with_page({"q": ["x"]}, 3) == {"q": ["x"], "page": ["3"]}
    assert with_page({"q": ["x"], "page": ["3"]}, 1) == {"q": ["x"]}
    assert with_sort({"q": ["x"], "page": ["3"]}, "date") == {"q": ["x"], "sort": ["date"]}
    assert with_sort({"sort": ["date"]}, "relevance") == {}


@pytest.mark.parametrize(
    "page, last, expected",
    [
        (1, 0, []),
        (1, 1, [1]),
        (1, 4, [1, 2, 3, 4]),
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
    ],
)
def test_page_window(page, last, expected):
    assert page_window(page, last) == expected


def test_search_links_build_urls_from_the_current_search():
    links = SearchLinks("/", {"q": ["skybrud"], "topic": ["klimatilpasning"], "page": ["2"]})
    assert links.current() == "/?q=skybrud&topic=klimatilpasning&page=2"
    assert params_of(links.add("org", "KL")) == {"q": ["skybrud"], "topic": ["klimatilpasning"], "org": ["KL"]}
    assert links.remove("topic", "klimatilpasning") == "/?q=skybrud"
    assert params_of(links.page(3))["page"] == ["3"]
    assert links.query("skybrudsplan") == "/?q=skybrudsplan&topic=klimatilpasning"
    assert links.clear_filters() == "/?q=skybrud"
    assert links.hidden_fields("q") == [("topic", "klimatilpasning")]
    assert SearchLinks("/", {}).current() == "/"
