"""Document, meeting, timeline, topics and help pages."""

from __future__ import annotations

import pytest
from web_helpers import api_json, html

from webapp.formatting import danish_date


def first_result(client, query: str, suffix: str) -> dict:
    data = api_json(client, f"/api/search?q={query}&per_page=100")
    return next(r for r in data["results"] if r["path"].endswith(suffix) and r["page"])


def test_a_document_page_shows_all_its_metadata(client):
    result = first_result(client, "skybrud", ".pdf")
    doc = api_json(client, f"/api/documents/{result['id']}")
    page = html(client.get(f"/dokument/{doc['id']}"))
    assert page.find("h1").get_text(strip=True) == doc["title"]
    assert page.title.get_text().startswith(doc["title"])
    assert page.select_one(".eyebrow .type-tag").get_text(strip=True) == "Præsentation"
    rows = page.select("dl.meta-list")[0].select(":scope > div")
    meta = {d.find("dt").get_text(strip=True): d.find("dd").get_text(" ", strip=True) for d in rows}
    assert meta["Mødedato"] == danish_date(doc["meeting_date"])
    assert meta["Udgivet"] == danish_date(doc["published"])
    assert doc["date"] in (doc["meeting_date"], doc["published"])
    assert "Dato" not in meta, "the date is not repeated beside an equal meeting or publishing date"
    assert meta["Mødetema"] == ", ".join(doc["themes"])
    assert meta["Steder"] == ", ".join(doc["places"])
    assert meta["Fil"].startswith(doc["path"])
    assert [a.get_text() for a in page.select("dl.meta-list a[href^='/?org=']")] == doc["organizations"]
    details = page.select_one("details.doc-meta").get_text(" ", strip=True)
    assert doc["id"] in details and doc["checksum"] in details


def test_a_document_page_explains_why_each_topic_was_assigned(client):
    result = first_result(client, "skybrud", ".pdf")
    doc = api_json(client, f"/api/documents/{result['id']}")
    topics = {t["slug"]: t["label"] for t in api_json(client, "/api/topics")}
    page = html(client.get(f"/dokument/{doc['id']}"))
    reasons = page.select(".topic-reasons li")
    assert len(reasons) == len(doc["topics"])
    for item, topic in zip(reasons, doc["topics"]):
        badge = item.select_one("a.badge")
        assert badge.get_text(strip=True) == topics[topic["slug"]]
        assert badge["href"] == f"/?topic={topic['slug']}"
        assert [q.get_text() for q in item.select(".terms q")] == topic["terms"]


def test_passages_are_numbered_as_pages_or_slides(client):
    pdf = api_json(client, f"/api/documents/{first_result(client, 'skybrud', '.pdf')['id']}")
    pptx = api_json(client, f"/api/documents/{first_result(client, 'skybrud', '.pptx')['id']}")
    for doc, noun in ((pdf, "Side"), (pptx, "Dias")):
        page = html(client.get(f"/dokument/{doc['id']}"))
        titles = [h.get_text(" ", strip=True) for h in page.select(".passage .passage-title")]
        assert len(titles) == len(doc["passages"])
        for title, passage in zip(titles, doc["passages"]):
            assert title.startswith(f"{noun} {passage['number']}")
        assert page.select_one(f"#{noun.lower()}-{doc['passages'][0]['number']}")


def test_a_pdf_reached_from_a_result_opens_the_original_at_that_page(client):
    result = first_result(client, "skybrud", ".pdf")
    page = html(client.get(f"/dokument/{result['id']}?side={result['page']}"))
    button = page.select_one(".doc-actions a.button-primary")
    assert button["href"] == f"/fil/{result['id']}#page={result['page']}"
    assert f"side {result['page']}" in button.get_text()
    current = page.select(".passage.is-current")
    assert [c["id"] for c in current] == [f"side-{result['page']}"]
    action = current[0].select_one(".passage-actions a")
    assert action["href"] == f"/fil/{result['id']}#page={result['page']}"
    assert action.get_text(strip=True) == f"Åbn originalen på side {result['page']}"


@pytest.mark.parametrize("side", ["999", "0", "-1", "abc", ""])
def test_a_side_that_is_not_a_page_of_the_document_is_ignored(client, side):
    result = first_result(client, "skybrud", ".pdf")
    response = client.get(f"/dokument/{result['id']}?side={side}")
    assert response.status_code == 200
    page = html(response)
    assert page.select_one(".doc-actions a.button-primary")["href"] == f"/fil/{result['id']}"
    assert not page.select(".passage.is-current")


def test_a_slide_deck_links_to_the_original_without_a_page_anchor(client):
    result = first_result(client, "skybrud", ".pptx")
    page = html(client.get(f"/dokument/{result['id']}?side={result['page']}"))
    assert page.select_one(".doc-actions a.button-primary")["href"] == f"/fil/{result['id']}"


def test_a_document_links_to_its_meeting_and_related_documents(client):
    result = first_result(client, "skybrud", ".pdf")
    doc = api_json(client, f"/api/documents/{result['id']}")
    page = html(client.get(f"/dokument/{doc['id']}"))
    meeting_links = {a["href"] for a in page.select(f"a[href='/moede/{doc['meeting']}']")}
    assert meeting_links == {f"/moede/{doc['meeting']}"}
    related = [a["href"] for a in page.select(".doc-section .doc-list a")]
    assert related == [f"/dokument/{r['id']}" for r in doc["related"]]
    assert related, "the sample corpus has related material"


def test_a_meeting_page_lists_date_place_themes_and_all_its_documents(client):
    meetings = api_json(client, "/api/meetings")
    meeting = next(m for m in meetings if len(m["documents"]) >= 3)
    page = html(client.get(f"/moede/{meeting['id']}"))
    assert page.find("h1").get_text(strip=True) == meeting["title"]
    text = page.select_one("dl.meta-list").get_text(" ", strip=True)
    assert meeting["place"] in text
    assert page.select_one("dl.meta-list time")["datetime"] == meeting["date"]
    theme_links = [a.get_text() for a in page.select("dl.meta-list a[href^='/?theme=']")]
    assert theme_links == meeting["themes"]
    listed = sorted(a["href"] for a in page.select(".doc-list a"))
    assert listed == sorted(f"/dokument/{d['id']}" for d in meeting["documents"])
    types = [t.get_text(strip=True) for t in page.select(".doc-list .type-tag")]
    order = ["Invitation", "Præsentation", "Rapport", "Case", "Referat", "Andet"]
    assert types == sorted(types, key=order.index), "invitation first, minutes last"


def test_a_theme_link_on_a_meeting_finds_the_meetings_material(client):
    meeting = api_json(client, "/api/meetings")[0]
    page = html(client.get(f"/moede/{meeting['id']}"))
    link = page.select_one("dl.meta-list a[href^='/?theme=']")
    found = api_json(client, "/api/search?per_page=100&" + link["href"].split("?", 1)[1])
    assert {d["id"] for d in meeting["documents"]} <= {r["id"] for r in found["results"]}


def test_the_timeline_lists_meetings_newest_first_grouped_by_year(client):
    meetings = api_json(client, "/api/meetings")
    page = html(client.get("/tidslinje"))
    links = [a["href"] for a in page.select(".timeline-title a")]
    assert links == [f"/moede/{m['id']}" for m in meetings]
    dates = [t["datetime"] for t in page.select(".timeline-date time")]
    assert dates == sorted(dates, reverse=True)
    years = [h.get_text(strip=True) for h in page.select(".year-title")]
    assert years == sorted(set(years), reverse=True)
    first = page.select(".timeline-item")[0]
    assert [b.get_text(strip=True) for b in first.select(".badge")] == meetings[0]["themes"]


def test_the_topics_page_shows_each_topic_with_count_description_and_search_link(client):
    topics = api_json(client, "/api/topics")
    page = html(client.get("/emner"))
    cards = page.select(".topic-card")
    assert len(cards) == len(topics) == 12
    for card, topic in zip(cards, topics):
        link = card.select_one(".topic-title a")
        assert link.get_text(strip=True) == topic["label"]
        assert link["href"] == f"/?topic={topic['slug']}"
        assert card.select_one(".topic-count").get_text(strip=True).startswith(str(topic["count"]))
        assert card.select_one(".topic-description").get_text(strip=True) == topic["description"]
        assert api_json(client, f"/api/search?topic={topic['slug']}")["total"] == topic["count"]


def test_the_help_page_explains_phrases_compounds_and_filters_with_working_examples(client):
    page = html(client.get("/hjaelp"))
    text = page.get_text(" ", strip=True)
    for words in ("anførselstegn", "sammensat", "Filtre", "skybrudsplan", "CO2-fangst"):
        assert words in text
    for link in page.select(".prose a[href^='/?q=']"):
        found = api_json(client, "/api/search?" + link["href"].split("?", 1)[1])
        assert found["total"] > 0, link["href"]


@pytest.mark.parametrize("url", ["/", "/tidslinje", "/emner", "/hjaelp"])
def test_the_navigation_marks_the_current_page(client, url):
    page = html(client.get(url))
    current = page.select("nav.site-nav a[aria-current=page]")
    assert [a["href"] for a in current] == [url]


@pytest.mark.parametrize("url", ["/dokument/0000000000000000", "/moede/1999-01-01-findes-ikke", "/dokument/..", "/moede/%3Cscript%3E"])
def test_unknown_documents_and_meetings_are_a_danish_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = html(response)
    assert page.html["lang"] == "da"
    assert "findes ikke" in page.get_text()
    assert page.select_one("main a[href='/']")


def test_a_meeting_folder_with_spaces_and_danish_letters_has_a_page(hostile_client):
    from urllib.parse import quote

    from web_corpus import SPACED_MEETING

    timeline = html(hostile_client.get("/tidslinje"))
    href = next(a["href"] for a in timeline.select(".timeline-title a") if a.get_text() == "Grønne tage i Århus")
    assert href == "/moede/" + quote(SPACED_MEETING)
    page = html(hostile_client.get(href))
    assert page.find("h1").get_text() == "Grønne tage i Århus"
    document = page.select_one(".doc-list a")
    assert html(hostile_client.get(document["href"])).select_one("a[href='%s']" % href)


def test_every_sample_presentation_shows_its_presenter_on_its_page_and_result(client):
    # issue 12: coordinators find earlier talks by who gave them
    data = api_json(client, "/api/search?q=&per_page=100")
    talks = [r for r in data["results"] if r["type"] in ("presentation", "case")]
    assert talks
    for talk in talks:
        names = [p["name"] for p in talk["presenters"]]
        assert names, talk["path"]
        page = html(client.get(f"/dokument/{talk['id']}"))
        assert [a.get_text() for a in page.select("dl.meta-list a[href*='presenter=']")] == names
    results = html(client.get("/?presenter=Lone+Vestergaard+Holm"))
    assert "Oplæg ved Lone Vestergaard Holm" in results.select_one(".result-meta").get_text(" ", strip=True)
    assert "Oplægsholder" in results.get_text()


def test_a_scanned_page_is_marked_as_read_by_ocr_on_its_document_page(client):
    # issue 11: the document page shows that a page was read by OCR
    found = api_json(client, "/api/search?q=styregruppen&per_page=100")["results"]
    scans = [r for r in found if r["path"].endswith("-scannet.pdf")]
    if not scans:
        pytest.skip("the scanned sample is not indexed here (Tesseract is missing)")
    page = html(client.get(f"/dokument/{scans[0]['id']}"))
    notes = [n.get_text(strip=True) for n in page.select(".passage-note")]
    assert notes and all("tekstgenkendelse" in n for n in notes)


def test_a_printed_page_number_shows_beside_the_physical_page(client):
    # issue 11: "side 75 (PDF-side 81)" where the printed number differs from the physical page
    labelled = [r for r in api_json(client, "/api/search?q=klimatilpasning&per_page=100")["results"]
                if r.get("page_label") and r["page_label"] != str(r["page"])]
    assert labelled
    hit = labelled[0]
    page = html(client.get(f"/dokument/{hit['id']}"))
    titles = [t.get_text(" ", strip=True) for t in page.select(".passage-title")]
    assert any(f"Side {hit['page_label']} (PDF-side {hit['page']})" in t for t in titles)
