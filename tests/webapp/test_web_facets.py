"""The filter sidebar: labels, counts, links that add or remove, and the chips of active filters."""

from webapp.facets import SHOWN_VALUES, active_filters, build_facets
from webapp.params import SearchLinks

TOPICS = {"energi": "Energi og forsyning", "affald": "Affald og ressourcer"}
THEMES = {"erhvervspartnerskaber-og-sektorkobling": "Erhvervspartnerskaber og sektorkobling"}
FACETS = {
    "topic": {"energi": 4, "affald": 9},
    "theme": {"erhvervspartnerskaber-og-sektorkobling": 3},
    "type": {"report": 2, "minutes": 5},
    "year": {"2019": 3, "2021": 1},
    "organization": {},
}


def facets_for(args):
    links = SearchLinks("/", args)
    return {f.name: f for f in build_facets(FACETS, links, topic_labels=TOPICS, theme_labels=THEMES)}


def test_values_have_danish_labels_and_are_ordered_by_count_years_newest_first():
    facets = facets_for({"q": ["x"]})
    assert list(facets) == ["topic", "theme", "type", "year"]  # the empty organisation facet is left out
    assert [(v.label, v.count) for v in facets["topic"].values] == [("Affald og ressourcer", 9), ("Energi og forsyning", 4)]
    assert [v.label for v in facets["theme"].values] == ["Erhvervspartnerskaber og sektorkobling"]
    assert [v.label for v in facets["type"].values] == ["Referat", "Rapport"]
    assert [v.value for v in facets["year"].values] == ["2021", "2019"]


def test_a_value_links_to_the_search_with_it_and_a_selected_value_links_to_the_search_without_it():
    facets = facets_for({"q": ["x"], "topic": ["energi"]})
    energi = next(v for v in facets["topic"].values if v.value == "energi")
    affald = next(v for v in facets["topic"].values if v.value == "affald")
    assert energi.selected and energi.url == "/?q=x"
    assert not affald.selected and affald.url == "/?q=x&topic=energi&topic=affald"
    assert facets["topic"].values[0] is energi  # selected values come first


def test_a_year_selects_a_date_range():
    year = facets_for({})["year"].values[0]
    assert year.url == "/?from=2021-01-01&to=2021-12-31"
    selected = facets_for({"from": ["2021-01-01"], "to": ["2021-12-31"]})["year"].values[0]
    assert selected.selected and selected.url == "/"


def test_long_facets_show_a_few_values_and_keep_the_rest():
    many = {"organization": {f"Kommune {i}": i + 1 for i in range(SHOWN_VALUES + 3)}}
    facet = build_facets(many, SearchLinks("/", {}), topic_labels={}, theme_labels={})[0]
    assert len(facet.shown) == SHOWN_VALUES and len(facet.more) == 3


def test_active_filters_name_each_filter_and_remove_only_it():
    links = SearchLinks("/", {"q": ["x"], "topic": ["energi"], "type": ["report"], "from": ["2020-02-01"]})
    chips = active_filters(links, topic_labels=TOPICS, theme_labels=THEMES)
    assert [(c.kind, c.label) for c in chips] == [("DK2020-emne", "Energi og forsyning"), ("Materialetype", "Rapport"), ("Fra", "1. februar 2020")]
    assert chips[0].remove_url == "/?q=x&type=report&from=2020-02-01"
    year_chip = active_filters(SearchLinks("/", {"from": ["2021-01-01"], "to": ["2021-12-31"]}), topic_labels={}, theme_labels={})
    assert [(c.kind, c.label, c.remove_url) for c in year_chip] == [("År", "2021", "/")]
