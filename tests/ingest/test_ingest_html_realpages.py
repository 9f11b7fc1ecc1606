"""Real-size saved web pages (30-150 KB of municipal or KL-like template around a short article):
what is indexed is the headline, dateline and body, never the menus, cookie dialog, share buttons,
related news, newsletter box, footer or scripts around it."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from bench import sitepage
from bench.textgen import DocText, Section
from index.query import SearchRequest
from index.service import SearchService
from ingest.formats import html
from ingest.pipeline import extract_file

ARTICLE = DocText(
    "Varmeplanen giver fjernvarme til tre nye landsbyer",
    "3. marts 2023",
    (
        Section("", ("Byrådet har vedtaget en varmeplan, der sender fjernvarmerør ud til tre landsbyer vest for byen.",
                     "Husstandene kan tilmelde sig frem til sommerferien, og gravearbejdet begynder til efteråret.")),
        Section("Økonomien i projektet", ("Forsyningen låner pengene med kommunal garanti og betaler dem tilbage over "
                                          "tredive år gennem varmeprisen.",)),
        Section("Spørgsmål fra borgerne", ("Mange har spurgt til prisen for stikledningen, som er gratis for dem, "
                                           "der melder sig til i første runde.",)),
    ),
)
PAGE_WORDS = ("Varmeplanen", "gravearbejdet", "stikledningen", "garanti")
# template text that shows in a browser but is no part of the article
TEMPLATE_TEXT = sitepage.FURNITURE_WORDS + ("Gå til indhold", "Tillad alle", "Del siden", "Relaterede nyheder",
                                            "Følg os", "Telefontid", "Tekst nummer")

SAMPLE_PAGES = {
    "2022-11-08-klimatilpasning-og-skybrud/nyhed-fjordby-skybrudsplan.html":
        ("Fjordby Kommune tester forsinkelsesbassiner i midtbyen før næste skybrud", "forsinkelsesbassiner"),
    "2023-01-12-scope-3-og-cirkulaer-oekonomi/nyhed-kl-scope-3-klimaregnskab.html":
        ("Indkøb fylder mest, når kommunerne tæller scope 3 med i klimaregnskabet", "emissionsfaktorer"),
}


@pytest.fixture(params=sitepage.SITES, ids=lambda site: site.short)
def page(request):
    data = sitepage.page(ARTICLE, random.Random(7), published="2023-03-03", site=request.param).encode()
    assert 30_000 <= len(data) <= 150_000, "a real-size page"
    return html.extract(data, "nyhed.html")


def test_the_headline_is_the_title(page):
    assert page.title_candidates[0] == ARTICLE.title


def test_the_body_is_read_whole_in_reading_order(page):
    text = page.text
    paragraphs = [p for s in ARTICLE.sections for p in s.paragraphs]
    positions = [text.index(p) for p in paragraphs]
    assert positions == sorted(positions)
    assert [p.heading for p in page.passages] == [ARTICLE.title, "Økonomien i projektet", "Spørgsmål fra borgerne"]
    assert "3. marts 2023" in page.passages[0].text


def test_no_template_text_is_read(page):
    for words in TEMPLATE_TEXT:
        assert words.lower() not in page.text.lower(), words


def test_the_published_date_is_offered_and_the_page_is_news(page):
    assert page.dates == (("html-meta", date(2023, 3, 3)),)
    assert "news-page" in page.hints


@pytest.mark.parametrize("relpath", SAMPLE_PAGES)
def test_sample_corpus_pages_are_real_size_and_read_as_their_article(sample_corpus, relpath):
    headline, word = SAMPLE_PAGES[relpath]
    assert 30_000 <= (sample_corpus / relpath).stat().st_size <= 150_000
    document = extract_file(sample_corpus, relpath)
    assert document.title == headline
    text = "\n".join(p.text for p in document.passages)
    assert word in text
    for words in TEMPLATE_TEXT:
        assert words.lower() not in text.lower(), words


def test_search_finds_the_article_words_and_none_of_the_template(built_index):
    service = SearchService(built_index.index, built_index.corpus)
    for relpath, (_, word) in SAMPLE_PAGES.items():
        found = [r["path"] for r in service.search(SearchRequest(q=word, per_page=50))["results"]]
        assert relpath in found, word
    pages = set(SAMPLE_PAGES)
    for words in ("kørekort", "statistikcookies", "Rådhustorvet", "Tilgængelighedserklæring", "Hundeskov",
                  "Affaldskalender", "Vinterbadning", "Telefontid"):
        found = {r["path"] for r in service.search(SearchRequest(q=words, per_page=50))["results"]}
        assert not found & pages, words


def test_generated_pages_keep_their_size_and_text_with_any_seed():
    """Cheap sanity check of the bench's pages: every seed gives a real-size page read as its article."""
    for seed in range(20):
        data = sitepage.page(ARTICLE, random.Random(seed), published="2023-03-03").encode()
        assert 30_000 <= len(data) <= 150_000
        text = html.extract(data, "nyhed.html").text
        assert all(w in text for w in PAGE_WORDS)
        assert not any(w.lower() in text.lower() for w in sitepage.FURNITURE_WORDS)


def test_the_template_words_really_are_on_the_page():
    """The furniture checks above mean something only if the words are there to be left out."""
    raw = sitepage.page(ARTICLE, random.Random(1), site=sitepage.SITES[0])
    for words in sitepage.FURNITURE_WORDS:
        assert words.lower() in raw.lower(), words


def test_teaser_cards_marked_up_as_articles_before_the_story_do_not_replace_it():
    cards = "".join(f'<article class="card"><h3>Kort nyhed {n}</h3><p>Teaser om noget andet.</p></article>'
                    for n in range(3))
    data = (f"<html><body><div class='aktuelt'>{cards}</div><main><article><h1>{ARTICLE.title}</h1>"
            f"<p>{ARTICLE.sections[0].paragraphs[0]}</p></article></main></body></html>").encode()
    extracted = html.extract(data, "nyhed.html")
    assert extracted.title_candidates[0] == ARTICLE.title
    assert "Varmeplanen" in extracted.text and "Teaser" not in extracted.text
