"""Failing well: a missing index is a 503 that says what to do; nothing a user sends is a 500."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_helpers import html

from klimaviden.config import Settings

MACHINE_URLS = ["/api/search?q=energi", "/api/topics", "/api/meetings", "/api/documents/abc", "/healthz",
                "/feed.atom", "/export.csv"]
PAGE_URLS = ["/", "/?q=energi", "/tidslinje", "/emner", "/dokument/abc", "/moede/abc", "/fil/abc"]


@pytest.mark.parametrize("url", MACHINE_URLS)
def test_without_an_index_the_api_answers_503_and_says_to_run_reindex(missing_client, url):
    response = missing_client.get(url)
    assert response.status_code == 503
    body = response.get_json()
    assert body["ok"] is False and body["status"] == 503
    assert "klimaviden reindex" in body["error"]


@pytest.mark.parametrize("url", PAGE_URLS)
def test_without_an_index_pages_answer_503_in_plain_danish(missing_client, url):
    response = missing_client.get(url)
    assert response.status_code == 503
    page = html(response)
    text = page.select_one("main").get_text()
    assert "Prøv igen om lidt" in text
    assert "klimaviden reindex" not in text  # a command line is for operators, not officers
    assert page.html["lang"] == "da"


def test_the_help_page_needs_no_index(missing_client):
    assert missing_client.get("/hjaelp").status_code == 200


def test_the_app_picks_up_an_index_built_after_it_started(tmp_path, built_index):
    import shutil

    from web_corpus import make_app

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(built_index.corpus, corpus)
    client = make_app(Settings(corpus=corpus, index=index_dir)).test_client()
    assert client.get("/healthz").status_code == 503
    shutil.copytree(built_index.index, index_dir)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.get_json()["documents"] > 0


def test_an_unknown_page_is_a_danish_404(client):
    response = client.get("/findes/ikke")
    assert response.status_code == 404
    page = html(response)
    assert page.find("h1").get_text(strip=True) == "Siden findes ikke"


def test_a_post_to_a_page_is_405_not_500(client):
    assert client.post("/").status_code == 405
    assert client.put("/dokument/abc").status_code == 405


# Text a user could type or paste: letters, Danish letters, digits, punctuation, control and odd characters.
user_text = st.text(
    alphabet=st.sampled_from(list(string.printable + "æøåÆØÅ\x00\x1f\u200b\ufeff\ud7ff\U0001f600-")), max_size=80
)
param_names = st.sampled_from(["q", "theme", "topic", "type", "org", "from", "to", "sort", "page", "per_page", "x"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.lists(st.tuples(param_names, user_text), max_size=6))
def test_no_search_parameters_give_a_server_error(sample_app, params):
    client = sample_app.test_client()
    for url in ("/", "/api/search", "/feed.atom", "/export.csv"):
        response = client.get(url, query_string=params)
        assert response.status_code in (200, 400), (url, params, response.status_code)
        if response.status_code == 400 and url != "/":
            assert response.get_json()["status"] == 400


@settings(max_examples=100, deadline=None)
@given(ident=user_text.filter(lambda s: "/" not in s and s not in ("", ".", "..")))
def test_no_id_gives_a_server_error(sample_app, ident):
    from urllib.parse import quote

    client = sample_app.test_client()
    for prefix in ("/dokument/", "/moede/", "/fil/", "/api/documents/", "/api/meetings/"):
        response = client.get(prefix + quote(ident, safe=""))
        assert response.status_code in (200, 404), (prefix, ident, response.status_code)
        response.close()


def test_an_unexpected_failure_is_a_500_in_the_same_shapes_without_a_traceback(built_index, monkeypatch):
    from web_corpus import make_app

    from index.service import SearchService

    def broken(self, request):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(SearchService, "search", broken)
    client = make_app(built_index).test_client()
    api = client.get("/api/search?q=energi")
    assert api.status_code == 500
    assert api.get_json() == {"ok": False, "error": api.get_json()["error"], "status": 500}
    page = client.get("/?q=energi")
    assert page.status_code == 500
    for response in (api, page):
        text = response.get_data(as_text=True)
        assert "secret internal detail" not in text and "Traceback" not in text
    assert "uventet fejl" in html(page).select_one("main").get_text()
