"""The search page as a user meets it: a query, counts, snippets, facets, paging, sorting, errors."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from web_corpus import make_app
from web_helpers import api_json, facet_links, html, query_of, result_links, result_titles

from index import store, synonyms
from klimaviden.config import Settings
from webapp.pages import SHOWN_TOPICS


def test_the_empty_search_page_shows_the_newest_material_and_a_labelled_focused_search_box(client):
    response = client.get("/")
    assert response.status_code == 200
    page = html(response)
    assert page.html["lang"] == "da"
    box = page.find("input", id="q")
    assert box.has_attr("autofocus")
    assert page.find("label", attrs={"for": "q"}).get_text(strip=True)
    assert page.select_one("form[role=search]")["action"] == "/"
    assert "Nyeste materiale" in page.select_one(".results-count").get_text()
    dates = [t["datetime"] for t in page.select(".results .result-meta time")]
    newest = api_json(client, "/api/search?sort=date&per_page=10")["results"]
    assert result_titles(page) == [r["title"] for r in newest]
    assert dates  # the newest material is dated
    for landmark in ("header", "nav", "main", "aside", "footer"):
        assert page.find(landmark) is not None, landmark
    assert page.select_one("a.skip-link")["href"] == "#indhold"
    assert page.find(id="indhold").name == "main"


def test_a_danish_query_shows_the_count_snippets_with_marks_and_the_page_of_the_best_passage(client):
    data = api_json(client, "/api/search?q=partnerskab")
    assert data["total"] > 0
    page = html(client.get("/?q=partnerskab"))
    assert page.find("input", id="q")["value"] == "partnerskab"
    assert not page.find("input", id="q").has_attr("autofocus")
    count = page.select_one(".results-count").get_text(" ", strip=True)
    assert count == (f"{data['total']} dokumenter" if data["total"] != 1 else "1 dokument")
    assert result_titles(page) == [r["title"] for r in data["results"]]
    assert page.select(".results .snippet mark"), "matches are highlighted"
    items = page.select(".results .result")
    for item, result in zip(items, data["results"]):
        meta = item.select_one(".result-meta").get_text(" ", strip=True)
        if result["page"] and result["path"].endswith(".pdf"):
            assert f"Åbn s. {result['page']}" in meta
            assert item.select_one("a.result-open")["href"] == f"/fil/{result['id']}#page={result['page']}"
        elif result["page"]:
            assert f"Dias {result['page']}" in meta
        if result["meeting_date"]:
            assert "Møde" in meta
        if result["published"] and not result["meeting_date"]:
            assert "Udgivet" in meta
        assert len(item.select(".result-meta time")) <= 1, "one date per result"


def test_a_result_links_to_its_document_at_the_best_passage_and_carries_the_search(client):
    data = api_json(client, "/api/search?q=skybrud&type=presentation")
    paged = next(r for r in data["results"] if r["page"])
    page = html(client.get("/?q=skybrud&type=presentation"))
    link = next(a for a in page.select(".results .result-title a") if a.get_text(strip=True) == paged["title"])
    anchor = ("side-" if paged["path"].endswith(".pdf") else "dias-") + str(paged["page"])
    assert link["href"] == f"/dokument/{paged['id']}?q=skybrud&type=presentation&side={paged['page']}#{anchor}"


def test_a_section_hit_links_to_its_section(client):
    data = api_json(client, "/api/search?q=skybrud&per_page=50")
    sectioned = [r for r in data["results"] if r["section"]]
    assert sectioned, "the sample has HTML, Word or Markdown hits"
    for result in sectioned:
        assert result["page"] is None
        assert result["section"]["anchor"] == f"afsnit-{result['section']['number']}"
    page = html(client.get("/?q=skybrud&per_page=50"))
    hrefs = [a["href"] for a in page.select(".results .result-title a")]
    for result in sectioned:
        number = result["section"]["number"]
        assert f"/dokument/{result['id']}?q=skybrud&per_page=50&afsnit={number}#afsnit-{number}" in hrefs


def test_every_result_has_at_most_two_links(client):
    page = html(client.get("/?q=partnerskab"))
    items = page.select(".results .result")
    assert items
    for item in items:
        assert 1 <= len(item.select("a, button, input")) <= 2


def test_a_filter_only_listing_names_no_page(client):
    page = html(client.get("/?type=presentation"))
    assert page.select(".results .result")
    text = page.select_one(".results").get_text(" ")
    assert "Side 1" not in text and "Dias 1" not in text and "Åbn s." not in text


def test_results_show_type_topics_themes_and_organisations_in_danish(client):
    data = api_json(client, "/api/search?q=partnerskab")
    topics = {t["slug"]: t["label"] for t in api_json(client, "/api/topics")}
    page = html(client.get("/?q=partnerskab"))
    type_names = {"announcement": "Invitation", "presentation": "Præsentation", "report": "Rapport",
                  "case": "Case", "minutes": "Referat", "other": "Andet"}
    for item, result in zip(page.select(".results .result"), data["results"]):
        assert item.select_one(".type-tag").get_text(strip=True) == type_names[result["type"]]
        topic_badges = [b.get_text(" ", strip=True) for b in item.select(".result-tags .badge-topic")]
        assert topic_badges == [topics[s] for s in result["topics"][:SHOWN_TOPICS]]
        if result["topics"]:
            assert item.select_one(".result-tags").get_text(" ", strip=True).startswith("DK2020-emner:")
        more = item.select_one(".result-tags .badge-more")
        if len(result["topics"]) > SHOWN_TOPICS:
            assert more.get_text(" ", strip=True).startswith(f"+{len(result['topics']) - SHOWN_TOPICS} emner")
        else:
            assert more is None
        themes = [b.get_text(" ", strip=True) for b in item.select(".result-tags .badge-theme")]
        assert themes == result["themes"]
        if result["themes"]:
            assert "Mødetema:" in item.select_one(".result-tags").get_text(" ", strip=True)
        if result["organizations"]:
            orgs = item.select_one(".result-orgs").get_text(" ", strip=True)
            assert orgs == "Organisationer: " + ", ".join(result["organizations"])
    assert any(len(r["topics"]) > SHOWN_TOPICS for r in data["results"]), "the sample has a many-topic result"


def test_clicking_a_topic_facet_filters_and_the_chip_removes_it_again(client):
    base = api_json(client, "/api/search?q=energi")
    page = html(client.get("/?q=energi"))
    link = facet_links(page, "topic")[0]
    slug = query_of(link["href"])["topic"][0]
    expected = base["facets"]["topic"][slug]
    assert link.select_one(".facet-count").get_text(" ", strip=True).startswith(str(expected))

    filtered = html(client.get(link["href"]))
    assert query_of(link["href"]) == {"q": ["energi"], "topic": [slug]}
    assert filtered.select_one(".results-count").get_text(strip=True).startswith(str(expected))
    selected = filtered.select("a.facet-link.is-selected")
    assert len(selected) == 1 and selected[0]["aria-current"] == "true"
    chip = filtered.select_one(".chips a.chip")
    assert "DK2020-emne" in chip.get_text()
    assert chip["href"] == "/?q=energi"
    back = html(client.get(chip["href"]))
    assert back.select_one(".results-count").get_text(strip=True).startswith(str(base["total"]))


@pytest.mark.parametrize("facet, param", [("theme", "theme"), ("type", "type"), ("organization", "org")])
def test_every_facet_value_narrows_the_search_to_its_count(client, facet, param):
    base = api_json(client, "/api/search")
    page = html(client.get("/"))
    links = facet_links(page, param)
    assert links, f"the {facet} facet is shown"
    for link in links[:3]:
        value = query_of(link["href"])[param][0]
        narrowed = api_json(client, "/api/search?" + link["href"].split("?", 1)[1])
        assert narrowed["total"] == base["facets"][facet][value]
        assert html(client.get(link["href"])).select_one(".chips a.chip") is not None


def test_a_year_facet_becomes_a_date_range(client):
    base = api_json(client, "/api/search")
    page = html(client.get("/"))
    link = facet_links(page, "year")[0]
    args = query_of(link["href"])
    year = args["from"][0][:4]
    assert args == {"from": [f"{year}-01-01"], "to": [f"{year}-12-31"]}
    filtered = html(client.get(link["href"]))
    assert filtered.select_one(".results-count").get_text(strip=True).startswith(str(base["facets"]["year"][year]))
    for stamp in filtered.select(".results time"):
        assert stamp["datetime"].startswith(year) or stamp.parent.get_text().startswith("Udgivet")
    assert [c.get_text(" ", strip=True) for c in filtered.select(".chips a.chip")][0].startswith(f"År: {year}")


def test_the_date_form_filters_by_range_and_keeps_the_query(client):
    page = html(client.get("/?q=klima&topic=energi"))
    form = page.select_one("form.date-form")
    assert form.find("label", attrs={"for": "fra"}) and form.find("label", attrs={"for": "til"})
    hidden = {(i["name"], i["value"]) for i in form.select("input[type=hidden]")}
    assert hidden == {("q", "klima"), ("topic", "energi")}
    data = api_json(client, "/api/search?from=2021-01-01&to=2021-12-31&sort=date&per_page=100")
    for result in data["results"]:
        assert date(2021, 1, 1) <= date.fromisoformat(result["date"]) <= date(2021, 12, 31)
    filtered = html(client.get("/?from=2021-01-01&to=2021-12-31"))
    assert filtered.select_one(".results-count").get_text(strip=True).startswith(str(data["total"]))
    chips = [c.get_text(" ", strip=True) for c in filtered.select(".chips a.chip")]
    assert chips[0].startswith("År: 2021")


def test_empty_date_fields_from_the_form_mean_no_filter(client):
    assert client.get("/?q=energi&from=&to=").status_code == 200
    assert api_json(client, "/api/search?q=energi&from=&to=")["total"] == api_json(client, "/api/search?q=energi")["total"]


def test_paging_forward_and_back(client):
    total = api_json(client, "/api/search")["total"]
    assert total > 10, "the sample corpus has more than one page"
    first = html(client.get("/"))
    pager = first.select_one("nav.pagination")
    assert pager["aria-label"] == "Sider"
    assert pager.select_one('[aria-current="page"]').get_text(strip=True).endswith("1")
    next_link = pager.select_one('a[rel="next"]')
    assert next_link["href"] == "/?page=2"
    second = html(client.get(next_link["href"]))
    assert set(result_links(second)).isdisjoint(result_links(first))
    assert second.select_one('nav.pagination a[rel="prev"]')["href"] == "/"
    assert second.select_one('nav.pagination [aria-current="page"]').get_text(strip=True).endswith("2")


def test_a_page_beyond_the_results_says_so(client):
    page = html(client.get("/?q=energi&page=999"))
    assert "ikke flere resultater" in page.select_one(".empty").get_text()
    assert page.select_one(".empty a")["href"] == "/?q=energi"


def test_sorting_by_date_puts_the_newest_first(client):
    page = html(client.get("/?q=energi"))
    sort_links = {a.get_text(strip=True): a for a in page.select("nav.sort a")}
    assert sort_links["Relevans"]["aria-current"] == "true"
    by_date = html(client.get(sort_links["Nyeste først"]["href"]))
    assert query_of(sort_links["Nyeste først"]["href"]) == {"q": ["energi"], "sort": ["date"]}
    data = api_json(client, "/api/search?q=energi&sort=date")
    assert result_titles(by_date) == [r["title"] for r in data["results"]]
    dates = [r["date"] for r in data["results"] if r["date"]]
    assert dates == sorted(dates, reverse=True)


def test_a_misspelled_word_shows_the_corrected_results_and_offers_the_words_as_typed(client):
    data = api_json(client, "/api/search?q=klimatilpasnig")
    assert data["query"] == "klimatilpasnig"
    assert data["corrected_query"] == "klimatilpasning" and data["total"] > 0
    page = html(client.get("/?q=klimatilpasnig"))
    notice = page.select_one(".notice-corrected")
    text = " ".join(notice.get_text().split())
    assert text == "Viser resultater for klimatilpasning – søg i stedet efter klimatilpasnig"
    assert result_titles(page) == [r["title"] for r in data["results"]]
    as_typed = notice.select_one("a.as-typed-link")
    assert query_of(as_typed["href"]) == {"q": ["klimatilpasnig"], "as_typed": ["1"]}
    typed = api_json(client, "/api/search?q=klimatilpasnig&as_typed=1")
    assert typed["corrected_query"] is None and typed["total"] == 0
    assert typed["suggestion"] == "klimatilpasning"
    again = html(client.get(as_typed["href"]))
    assert again.select_one(".notice-corrected") is None
    assert "Mente du" in again.select_one(".notice-suggestion").get_text()
    assert ("as_typed", "1") not in [(i["name"], i["value"]) for i in again.select("form input[type=hidden]")]


def test_the_or_fallback_is_announced(client):
    data = api_json(client, "/api/search?q=skybrud+zyxwvuqq")
    assert data["fallback"] == "or" and data["total"] > 0
    notice = html(client.get("/?q=skybrud+zyxwvuqq")).select_one(".notice-info")
    assert "mindst ét" in notice.get_text()


def test_no_results_suggests_what_to_do(client):
    page = html(client.get("/?q=zyxwvuqq"))
    assert "Ingen dokumenter matcher" in page.select_one(".empty").get_text()
    assert page.select_one(".empty a[href='/hjaelp']")


def test_the_search_keeps_filters_when_the_query_changes(client):
    page = html(client.get("/?q=energi&topic=energi&type=report&sort=date&page=2"))
    form = page.select_one("form[role=search]")
    hidden = [(i["name"], i["value"]) for i in form.select("input[type=hidden]")]
    assert hidden == [("topic", "energi"), ("type", "report"), ("sort", "date")]


@pytest.mark.parametrize(
    "query, words",
    [
        ("from=2021-13-45", "»Fra dato«"),
        ("to=igår", "»Til dato«"),
        ("topic=findes-ikke", "Emnet kan ikke bruges"),
        ("type=roman", "Materialetypen kan ikke bruges"),
        ("theme=" + "x" * 300, "for langt"),
        ("page=0", "Sidenummeret"),
        ("page=abc", "Sidenummeret"),
        ("sort=tilfældig", "»Nyeste først«"),
        ("from=2022-01-01&to=2021-01-01", "Byt om på de to datoer"),
    ],
)
def test_bad_parameters_give_400_with_the_form_and_a_message_naming_the_problem(client, query, words):
    response = client.get("/?q=energi&" + query)
    assert response.status_code == 400
    page = html(response)
    alert = page.select_one(".notice-error[role=alert]")
    assert words in alert.get_text()
    for developer_word in ("'from'", "'to'", "'page'", "'sort'", "'type'", "slug", "ÅÅÅÅ"):
        assert developer_word not in alert.get_text(), "the page speaks the words of its own fields"
    assert page.find("input", id="q")["value"] == "energi"


def test_the_api_keeps_naming_the_parameter(client):
    assert "'from'" in client.get("/api/search?from=2021-13-45").get_json()["error"]


def test_the_document_page_says_where_a_date_came_from_in_plain_danish(client):
    results = client.get("/api/search?per_page=100").get_json()["results"]
    page = html(client.get(f"/dokument/{results[0]['id']}"))
    details = page.select_one("details.doc-meta").get_text(" ")
    for developer_word in ("sidecar", "meeting.toml", "folder-name", "pdf-metadata", "html-meta"):
        assert developer_word not in details


def test_the_feed_and_csv_links_carry_the_search(client):
    page = html(client.get("/?q=energi&topic=energi"))
    assert page.find("link", rel="alternate", type="application/atom+xml")["href"] == "/feed.atom?q=energi&topic=energi"
    tools = {a.get_text(strip=True): a["href"] for a in page.select(".result-tools a")}
    assert tools["Følg søgningen"] == "/foelg?q=energi&topic=energi"
    assert tools["CSV til Excel"] == "/export.csv?q=energi&topic=energi&excel=1"
    assert tools["Hent resultaterne til Excel"] == "/export.xlsx?q=energi&topic=energi"
    assert tools["CSV (komma)"] == "/export.csv?q=energi&topic=energi"


def test_a_bad_date_is_not_put_back_into_the_date_field(client):
    page = html(client.get("/?from=2021-13-45&to=2021-12-31"))
    assert page.find("input", id="fra")["value"] == ""
    assert page.find("input", id="til")["value"] == "2021-12-31"


def test_a_topic_count_beside_a_selected_topic_is_what_selecting_it_gives(client):
    page = html(client.get("/?topic=transport"))
    unselected = [a for a in facet_links(page, "topic") if "is-selected" not in a.get("class", [])]
    assert unselected
    for link in unselected[:4]:
        shown = int(link.select_one(".facet-count").get_text(" ", strip=True).split()[0])
        after = html(client.get(link["href"])).select_one(".results-count").get_text(strip=True)
        assert after.startswith(f"{shown} "), (link["href"], shown, after)


def test_synonyms_searched_too_are_named_with_links(built_index, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(built_index.index, index_dir)
    generation = store.current_generation(index_dir)  # as a reindex stores the corpus's synonyms
    generation.write_meta({**generation.meta(), "synonyms": synonyms.snapshot(built_index.corpus)})
    client = make_app(Settings(corpus=built_index.corpus, index=index_dir)).test_client()
    data = api_json(client, "/api/search?q=PtX")
    assert data["expanded"] == ["Power-to-X"] and data["total"] > 0
    notice = html(client.get("/?q=PtX")).select_one(".notice-expanded")
    assert " ".join(notice.get_text().split()) == "Søgte også efter: Power-to-X"
    assert query_of(notice.select_one("a")["href"]) == {"q": ["Power-to-X"]}


def test_a_relaxed_phrase_is_announced(client):
    # the sample corpus has "fossilfri busdrift" in one document; its words apart in others
    data = api_json(client, '/api/search?q="fossilfri+busdrift"')
    assert data["phrase_relaxed"] is True and data["total"] > 1
    notice = html(client.get('/?q="fossilfri+busdrift"')).select_one(".notice-relaxed")
    assert "tæt på hinanden" in notice.get_text()
    assert api_json(client, "/api/search?q=skybrud")["phrase_relaxed"] is False
