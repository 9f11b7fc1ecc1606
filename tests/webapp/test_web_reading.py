"""Reading at the hit: the document page keeps the search, marks its words and opens at the hit."""

from __future__ import annotations

from urllib.parse import urlsplit

from web_helpers import api_json, html, query_of

from index.search import query_highlighter


def result_link(client, url: str, predicate) -> tuple[dict, str]:
    """(API result, its link on the search page) for the first result the predicate accepts."""
    data = api_json(client, "/api" + url.replace("/?", "/search?", 1))
    result = next(r for r in data["results"] if predicate(r))
    page = html(client.get(url))
    link = next(a["href"] for a in page.select(".results .result-title a") if a.get_text(strip=True) == result["title"])
    return result, link


def test_the_search_travels_from_result_to_document_and_back(client):
    url = "/?q=energi&type=presentation&sort=date&page=2&per_page=3"
    result, link = result_link(client, url, lambda r: r["page"])
    assert query_of(link)["q"] == ["energi"] and query_of(link)["type"] == ["presentation"]
    page = html(client.get(link))
    assert page.find("input", id="q")["value"] == "energi"
    hidden = {i["name"]: i["value"] for i in page.select("form[role=search] input[type=hidden]")}
    assert hidden == {"type": "presentation", "sort": "date", "per_page": "3"}
    back = page.find("a", string=lambda s: s and "Tilbage til resultaterne" in s)
    assert query_of(back["href"]) == query_of(url), "the same results page: query, filters, sort and page"
    back_page = html(client.get(back["href"]))
    assert result["title"] in [a.get_text(strip=True) for a in back_page.select(".results .result-title a")]


def test_the_document_page_marks_the_query_words_in_its_passages(client):
    result, link = result_link(client, "/?q=skybrud", lambda r: r["page"])
    page = html(client.get(link))
    marks = [m.get_text().lower() for m in page.select(".passage-text mark")]
    assert marks and all("skybrud" in m for m in marks)
    assert "skybrud" in page.select_one("#indhold-titel + .section-hint").get_text()
    plain = html(client.get(f"/dokument/{result['id']}"))
    assert not plain.select(".passage-text mark"), "no search, no marks"
    assert not plain.find(string=lambda s: s and "Tilbage til resultaterne" in s)


def test_the_document_opens_at_the_best_passage_with_its_action_first(client):
    result, link = result_link(client, "/?q=skybrud", lambda r: r["page"] and r["path"].endswith(".pdf"))
    anchor = urlsplit(link).fragment
    assert anchor == f"side-{result['page']}"
    page = html(client.get(link))
    current = page.select_one(".passage.is-current")
    assert current["id"] == anchor
    first_link = current.select_one("a")
    assert first_link.get_text(strip=True) == f"Åbn originalen på side {result['page']}"


def test_without_a_page_in_the_link_the_query_finds_the_passage(client):
    result, _ = result_link(client, "/?q=skybrud", lambda r: r["page"] and r["path"].endswith(".pdf"))
    page = html(client.get(f"/dokument/{result['id']}?q=skybrud"))
    assert page.select_one(".passage.is-current")["id"] == f"side-{result['page']}"


def test_a_section_hit_lands_on_its_section_under_its_own_heading(client):
    result, link = result_link(client, "/?q=skybrud&per_page=50", lambda r: r["section"] and r["section"]["heading"])
    page = html(client.get(link))
    current = page.select_one(".passage.is-current")
    assert current["id"] == result["section"]["anchor"] == urlsplit(link).fragment
    title = current.select_one(".passage-title").get_text(" ", strip=True)
    assert title.startswith(result["section"]["heading"])
    assert not title.startswith("Afsnit"), "the heading is its own label, not numbered twice"


def test_section_headings_are_not_numbered_twice(client):
    docs = [r for r in api_json(client, "/api/search?type=minutes&per_page=50")["results"] if r["path"].endswith(".docx")]
    assert docs
    for doc in docs:
        record = api_json(client, f"/api/documents/{doc['id']}")
        page = html(client.get(f"/dokument/{doc['id']}"))
        titles = [h.get_text(" ", strip=True) for h in page.select(".passage-title")]
        for title, passage in zip(titles, record["passages"]):
            assert title == (passage["heading"] or f"Afsnit {passage['number']}")


def test_the_follow_page_explains_subscribing_and_shows_the_newest_matches(client):
    page = html(client.get("/foelg?q=energi&topic=energi"))
    assert "Følg søgningen" in page.find("h1").get_text()
    address = page.find("input", id="feed-adresse")["value"]
    assert address == "http://localhost/feed.atom?q=energi&topic=energi"
    text = page.get_text(" ")
    assert "Outlook" in text and "nyhedslæser" in text
    newest = api_json(client, "/api/search?q=energi&topic=energi&sort=date")["results"]
    assert [a.get_text(strip=True) for a in page.select(".doc-list-title")] == [r["title"] for r in newest]
    assert client.get(address.replace("http://localhost", "")).status_code == 200


def test_the_follow_page_of_an_empty_search_says_so_plainly(client):
    page = html(client.get("/foelg?q=zyxwvuqq"))
    assert "Intet materiale matcher søgningen endnu" in page.get_text(" ")


def test_the_footer_offers_officers_no_developer_words(client):
    footer = html(client.get("/")).select_one(".site-footer").get_text(" ")
    assert "Atom" not in footer and "JSON" not in footer


def test_a_whole_passage_is_escaped_and_every_form_of_the_word_marked():
    marked = query_highlighter("partnerskab").marked("<b>Erhvervspartnerskaber</b>\nog et partnerskab & mere")
    assert marked == ("&lt;b&gt;<mark>Erhvervspartnerskaber</mark>&lt;/b&gt;\nog et <mark>partnerskab</mark> &amp; mere")
    assert query_highlighter("").marked("a < b") == "a &lt; b"
