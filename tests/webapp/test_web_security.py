"""Escaping everywhere, security headers on every response, no inline script or style."""

from __future__ import annotations

import pytest
from web_corpus import HOSTILE_MEETING, SCRIPT_TITLE
from web_helpers import api_json, html

from webapp.security import CONTENT_SECURITY_POLICY

PAGES = ["/", "/?q=skybrud", "/?q=energi&topic=energi&page=2", "/tidslinje", "/emner", "/hjaelp",
         f"/moede/{HOSTILE_MEETING}"]


def check_headers(response):
    response.close()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp or "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_policy_allows_no_inline_script_or_style():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


@pytest.mark.parametrize(
    "url",
    PAGES + ["/api/search?q=skybrud", "/api/topics", "/healthz", "/feed.atom", "/export.csv",
             "/static/style.css", "/findes-ikke", "/api/search?page=0", "/dokument/findes-ikke"],
)
def test_every_response_carries_the_security_headers(hostile_client, url):
    check_headers(hostile_client.get(url))


def test_original_files_carry_the_headers_too(hostile_client):
    for result in api_json(hostile_client, "/api/search?per_page=100")["results"]:
        check_headers(hostile_client.get(f"/fil/{result['id']}"))


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_script_or_style(hostile_client, url):
    page = html(hostile_client.get(url))
    assert page.find("script") is None
    assert page.find("style") is None
    assert page.find(attrs={"style": True}) is None
    assert not [tag for tag in page.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


def test_hostile_titles_and_text_are_escaped_in_search_results(hostile_client):
    response = hostile_client.get("/?q=skybrud")
    body = response.get_data(as_text=True)
    assert "<script>" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    page = html(response)
    assert SCRIPT_TITLE in [a.get_text(strip=True) for a in page.select(".result-title a")]
    for snippet in page.select(".snippet"):
        assert {tag.name for tag in snippet.find_all(True)} <= {"mark"}


def test_hostile_metadata_is_escaped_on_the_meeting_timeline_and_document_pages(hostile_client):
    meeting = html(hostile_client.get(f"/moede/{HOSTILE_MEETING}"))
    assert meeting.find("h1").get_text() == 'Sikkerhed <b>fed</b> & "citat"'
    assert meeting.find("b") is None and meeting.find("i") is None and meeting.find("em") is None
    timeline = html(hostile_client.get("/tidslinje"))
    assert timeline.select_one(".timeline-title a").get_text() == 'Sikkerhed <b>fed</b> & "citat"'
    assert timeline.find("em") is None
    results = api_json(hostile_client, "/api/search?per_page=100")["results"]
    doc_id = next(r["id"] for r in results if r["path"].endswith("angreb.html"))
    document = html(hostile_client.get(f"/dokument/{doc_id}"))
    assert document.find("h1").get_text() == SCRIPT_TITLE
    assert document.find("script") is None and not document.select("img[onerror]")
    assert "<img src=x onerror=alert(1)>" in document.select_one(".passage-text").get_text()


def test_hostile_facet_labels_are_escaped(hostile_client):
    page = html(hostile_client.get("/?q=skybrud"))
    labels = [s.get_text() for s in page.select(".facet-label")]
    assert "Klimatilpasning <em>og</em> skybrud" in labels
    assert page.find("em") is None


@pytest.mark.parametrize(
    "query",
    ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "';alert(1)//", "{{ 7*7 }}"],
)
def test_query_text_is_escaped_wherever_it_is_shown(hostile_client, query):
    response = hostile_client.get("/", query_string={"q": query, "org": query})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    if "<" in query:
        assert query not in body
    page = html(response)
    assert page.find("input", id="q")["value"] == query
    assert page.find("script") is None and not page.select("img[onerror]")
    assert "49" not in page.select_one(".results-count").get_text()
    feed = hostile_client.get("/feed.atom", query_string={"q": query})
    assert b"<script>" not in feed.data and b"<img" not in feed.data
    api = hostile_client.get("/api/search", query_string={"q": query})
    assert api.status_code == 200 and api.content_type == "application/json"


def test_error_messages_do_not_reflect_markup(hostile_client):
    response = hostile_client.get("/", query_string={"from": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert "<script>" not in response.get_data(as_text=True)
    api = hostile_client.get("/api/search", query_string={"topic": "<b>x</b>"})
    assert api.status_code == 400 and api.content_type == "application/json"
