"""Search over an index built from known Documents: Danish words, phrases, ranking, filters,
facets, sorting, paging, snippets, suggestions and related documents."""

from __future__ import annotations

import pytest


def paths(result):
    return [r["path"] for r in result["results"]]


def test_stemming_finds_inflections(search):
    assert "noter/varme.md" in paths(search("varmepumpe"))  # text says "Varmepumper"
    assert "2021-04-29-erhvervspartnerskaber/kalundborg.pptx" in paths(search("partnerskab"))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("skybrud", "2022-11-08-skybrud/skybrudsplan.pdf"),  # skybrudsplan, skybrudssikring
        ("partnerskab", "2021-04-29-erhvervspartnerskaber/nyhed.html"),  # only "erhvervspartnerskaber"
        ("gylle", "noter/gylle.txt"),  # only "gylleforsuring"
    ],
)
def test_a_part_finds_the_compound(search, query, expected):
    assert expected in paths(search(query))


def test_folding_finds_danish_letters(search):
    assert "noter/gylle.txt" in paths(search("baeredygtigt"))
    assert "noter/gylle.txt" in paths(search("bæredygtigt"))


def test_exact_search_does_not_fold(search):
    # "før" is only in varme.md; "for" (a stop word, searched exactly) is in other documents
    assert paths(search('="før"')) == ["noter/varme.md"]
    assert "noter/varme.md" not in paths(search('="for"'))


def test_quoted_phrase_matches_words_in_order(search):
    found = paths(search('"Kalundborg Forsyning"'))
    assert set(found) == {
        "2021-04-29-erhvervspartnerskaber/nyhed.html",
        "2021-04-29-erhvervspartnerskaber/kalundborg.pptx",
    }
    # the other order is no phrase: those documents are found only as a relaxed phrase, after it
    assert search('"Forsyning Kalundborg"')["phrase_relaxed"] is True
    assert search('="Forsyning Kalundborg"')["total"] == 0


def test_hyphen_variants_behave_the_same(search):
    results = [search(q) for q in ("CO2-fangst", "CO2 fangst", "co2-fangst")]
    assert paths(results[0]) == paths(results[1]) == paths(results[2])
    assert "2021-04-29-erhvervspartnerskaber/kalundborg.pptx" in paths(results[0])


def test_all_words_must_match_by_default(search):
    result = search("skybrud regnvand")
    assert result["fallback"] is None
    assert paths(result) == ["2022-11-08-skybrud/regnvand.pptx"]


def test_or_fallback_when_no_document_has_all_words(search):
    result = search("gylleforsuring cykelstier")
    assert result["fallback"] == "or"
    assert "noter/gylle.txt" in paths(result)
    assert result["total"] == 13


def test_a_document_matching_more_words_ranks_higher_in_the_fallback(search):
    result = search("kalundborg symbiosen gylleforsuring")
    assert result["fallback"] == "or"
    assert paths(result)[0] == "2021-04-29-erhvervspartnerskaber/kalundborg.pptx"


def test_title_weighs_more_than_body(search):
    # "Regnvand" is the title of regnvand.pptx and only body text in udateret.md
    assert paths(search("regnvand"))[0] == "2022-11-08-skybrud/regnvand.pptx"


@pytest.mark.parametrize("query", ['skybrud AND (', 'title:skybrud', '"skybrud', "skybrud*", "NOT OR AND"])
def test_query_syntax_never_raises(search, query):
    result = search(query)
    assert isinstance(result["total"], int)


def test_page_numbers_of_pdf_and_pptx_passages(search):
    pdf = search("skybrudssikring")["results"][0]
    assert (pdf["path"], pdf["page"]) == ("2022-11-08-skybrud/skybrudsplan.pdf", 3)
    slide = search("symbiosen")["results"][0]
    assert (slide["path"], slide["page"]) == ("2021-04-29-erhvervspartnerskaber/kalundborg.pptx", 2)
    html = search("erhvervspartnerskaber")["results"][0]
    assert html["page"] is None  # no pages in an HTML file


def test_snippet_is_escaped_and_marks_matches(search):
    snippet = search("skybrudssikring")["results"][0]["snippet"]
    assert "<mark>Skybrudssikring</mark>" in snippet


def test_result_fields(search):
    result = search("gylle")
    assert set(result) >= {"query", "total", "page", "per_page", "fallback", "results", "facets",
                           "suggestion", "corrected_query", "theme_labels"}
    hit = result["results"][0]
    assert set(hit) == {"id", "title", "path", "type", "date", "published", "meeting_date", "themes",
                        "topics", "organizations", "presenters", "page", "page_label", "section", "meeting",
                        "snippet", "score"}
    assert hit["date"] == "2020-10-01" and hit["topics"] == ["landbrug"]
    assert hit["score"] > 0


def test_filter_by_topic_any_of(search):
    assert search(topic=["landbrug"])["total"] == 1
    assert search(topic=["landbrug", "klimatilpasning"])["total"] == 4


def test_filter_by_theme_slug(search):
    result = search(theme="erhvervspartnerskaber-og-sektorkobling")
    assert result["total"] == 3
    assert result["theme_labels"]["erhvervspartnerskaber-og-sektorkobling"] == (
        "Erhvervspartnerskaber og sektorkobling"
    )


def test_filter_by_type(search):
    assert paths(search(type="report")) == ["2021-04-29-erhvervspartnerskaber/di-rapport.pdf"]


def test_filter_by_organisation(search):
    assert search(org="Kalundborg Forsyning")["total"] == 2
    assert search(org="kalundborg forsyning")["total"] == 2
    assert search(org="Ukendt")["total"] == 0


def test_filter_by_dates_inclusive(search):
    result = search(date_from="2021-04-22", date_to="2021-04-29")
    assert set(paths(result)) == {
        "2021-04-29-erhvervspartnerskaber/nyhed.html",
        "2021-04-29-erhvervspartnerskaber/kalundborg.pptx",
    }
    assert search(date_from="2023-01-01")["total"] == 0


def test_facets_count_documents_with_the_other_filters_applied(search):
    result = search("partnerskab", topic=["energi"])
    assert result["total"] == 2
    facets = result["facets"]
    # the topic facet ignores the topic filter: it shows what choosing another topic would give
    assert facets["topic"]["partnerskaber"] == 3
    assert facets["topic"]["energi"] == 2
    # the other facets apply it
    assert facets["type"] == {"presentation": 1, "report": 1}
    assert facets["year"] == {"2021": 2}
    assert facets["organization"] == {"Dansk Industri": 1, "Kalundborg Forsyning": 1}
    assert facets["theme"] == {"erhvervspartnerskaber-og-sektorkobling": 2}


def test_empty_query_with_a_filter_lists_by_date(search):
    result = search(topic=["klimatilpasning"])
    assert [r["date"] for r in result["results"]] == ["2022-11-08", "2022-11-08", None]


def test_sort_by_date_newest_first(search):
    result = search("partnerskab", sort="date")
    dates = [r["date"] for r in result["results"]]
    assert dates == sorted(dates, reverse=True)
    assert all(r["score"] > 0 for r in result["results"])


def test_pagination_with_total(search):
    first = search("cykelstier", per_page=5)
    third = search("cykelstier", per_page=5, page=3)
    assert first["total"] == third["total"] == 12
    assert len(first["results"]) == 5 and len(third["results"]) == 2
    everything = paths(search("cykelstier", per_page=100))
    pages = [paths(search("cykelstier", per_page=5, page=n)) for n in (1, 2, 3)]
    assert sum(pages, []) == everything
    assert search("cykelstier", per_page=5, page=9)["results"] == []


def test_a_misspelled_word_is_searched_corrected(search):
    result = search("skybrut")
    assert result["query"] == "skybrut"
    assert result["corrected_query"] == "skybrud"
    assert result["suggestion"] == "skybrud"
    assert "2022-11-08-skybrud/skybrudsplan.pdf" in paths(result)


def test_no_correction_for_words_that_are_found(search):
    assert search("skybrud")["corrected_query"] is None


def test_no_suggestion_for_words_that_are_found(search):
    assert search("skybrud")["suggestion"] is None


def test_related_documents(library):
    from index.query import SearchRequest

    hit = library.search(SearchRequest(q="skybrudsplan"))["results"][0]
    related = [r["path"] for r in library.related(hit["id"])]
    assert related and related[0] == "2022-11-08-skybrud/regnvand.pptx"
    assert hit["path"] not in related


def test_document_and_meetings(library):
    from index.query import SearchRequest

    hit = library.search(SearchRequest(q="gylleforsuring"))["results"][0]
    doc = library.document(hit["id"])
    assert doc["passages"][0]["text"].startswith("Gylleforsuring")
    assert "related" in doc
    assert library.document("unknown") is None
    meetings = library.meetings()
    assert [m["id"] for m in meetings] == ["2022-11-08-skybrud", "2021-04-29-erhvervspartnerskaber"]
    assert {d["path"] for d in meetings[1]["documents"]} == {
        "2021-04-29-erhvervspartnerskaber/nyhed.html",
        "2021-04-29-erhvervspartnerskaber/kalundborg.pptx",
        "2021-04-29-erhvervspartnerskaber/di-rapport.pdf",
    }
    assert library.meeting("nope") is None


def test_topics_in_taxonomy_order_with_counts(library):
    topics = library.topics()
    assert [t["slug"] for t in topics] == ["klimatilpasning", "partnerskaber", "landbrug", "energi"]
    assert topics[0]["count"] == 3


def test_stop_words_beside_real_words_are_ignored(search):
    assert paths(search("skybrudssikring og for")) == paths(search("skybrudssikring"))
    snippet = search("skybrudsplan for midtbyen")["results"][0]["snippet"]
    assert "<mark>for</mark>" not in snippet and "<mark>Skybrudsplan</mark>" in snippet


def test_a_misspelling_is_corrected_before_the_or_fallback_is_tried(search):
    result = search("skybrut regnvand")
    assert result["fallback"] is None
    assert result["corrected_query"] == result["suggestion"] == "skybrud regnvand"
    assert paths(result) == paths(search("skybrud regnvand"))


def test_the_or_fallback_runs_on_the_words_as_typed_when_no_correction_finds_anything(search):
    result = search("skybrud zyxwvuqq")
    assert result["corrected_query"] is None and result["fallback"] == "or"
    assert result["total"] == search("skybrud")["total"]


def test_phrases_need_adjacent_words_in_order(search):
    assert paths(search('"skybrudsplan for midtbyen"')) == ["2022-11-08-skybrud/skybrudsplan.pdf"]
    # a word between, another order, a title and a first page ("Skybrudsplan for Vejle" and
    # "Indledning om byen.") that do not run together: no phrase, found only as a relaxed one
    for words in ("skybrudsplan midtbyen", "midtbyen for skybrudsplan", "vejle indledning"):
        assert search(f'="{words}"')["total"] == 0
        assert search(f'"{words}"')["phrase_relaxed"] is True


def test_snippet_shows_where_most_query_words_meet():
    from index.snippets import highlighter

    text = "Skybrud nævnes her. " + "Fyldtekst uden noget. " * 30 + "Skybrud og regnvand håndteres sammen."
    snippet = highlighter(["skybrud", "regnvand"]).snippet(text)
    assert "<mark>regnvand</mark>" in snippet and snippet.startswith("…")


def test_month_only_dates_count_for_the_whole_month_and_presenters_filter(service_of):
    # issue 12: "marts 2022" is stored as 1 March with precision "month"; from 15 March finds it
    from dataclasses import replace
    from datetime import date

    from index.query import parse_search_params
    from index_files import make_document
    from ingest.document import Presenter

    month = replace(make_document("noter/klimanyt.md", "Klimanyt", ["Energifællesskaber."], format="markdown",
                                  type="news", day=date(2022, 3, 1)), published_precision="month")
    day = make_document("noter/dag.md", "Nyhed", ["Energifællesskaber."], format="markdown", type="news",
                        day=date(2022, 3, 1))
    talk = replace(make_document("m/oplaeg.pptx", "Varmeplaner", ["Varmeplaner i praksis."], day=date(2023, 3, 16)),
                   presenters=(Presenter("Mette Kjærgaard Lund", "planchef", "Aalborg Kommune"),))
    service = service_of([month, day, talk])

    def found(**params):
        request = parse_search_params({k: [v] for k, v in params.items()})
        return sorted(r["path"] for r in service.search(request)["results"])

    assert found(**{"from": "2022-03-15", "to": "2022-04-30"}) == ["noter/klimanyt.md"]
    assert found(**{"from": "2022-03-01", "to": "2022-03-01"}) == ["noter/dag.md", "noter/klimanyt.md"]
    assert found(**{"from": "2022-04-01"}) == ["m/oplaeg.pptx"]
    assert found(presenter="Mette Kjærgaard Lund") == ["m/oplaeg.pptx"]
    assert service.search(parse_search_params({}))["facets"]["presenter"] == {"Mette Kjærgaard Lund": 1}


def test_topic_slugs_are_the_taxonomy_of_the_topics_page(library):
    slugs = library.topic_slugs()
    assert slugs and slugs == [t["slug"] for t in library.topics()]
