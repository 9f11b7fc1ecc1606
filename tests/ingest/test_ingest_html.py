"""Saved news pages: the article's headline and text, none of the page around it."""

from datetime import date

import pytest

from ingest.errors import IngestError
from ingest.formats import html

KL_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8">
<title>Netværket stiller skarpt på klimasamarbejde | KL</title>
<meta property="og:title" content="Netværket stiller skarpt på klimasamarbejde | KL">
<meta property="article:published_time" content="2021-04-22T08:00:00+02:00">
<script>window.dataLayer = [{"tracking": "Forside Nyheder"}];</script>
<style>.cookie { color: red }</style>
</head><body>
<a class="skip-link" href="#main">Gå til indhold</a>
<header class="site-header"><a href="/">KL forside</a><nav><ul><li>Forside</li><li>Nyheder</li><li>Klima og miljø</li></ul></nav></header>
<div id="cookie-banner" class="cookie-consent">Vi bruger cookies til statistik. <button>Accepter alle</button></div>
<nav class="breadcrumb">Forside / Nyheder</nav>
<main id="main"><article>
<header><h1>Kommunernes klimapolitiske netværk stiller skarpt på klimasamarbejde med erhvervslivet</h1>
<p class="dateline">22. april 2021</p></header>
<p>På det kommende <strong>netværksmøde</strong> den 29. april sættes der spot på kommunernes partnerskaber.</p>
<h2>Sektorkobling</h2>
<p>Netværket kigger ind i sektorkobling og
   tværgående teknologiske løsninger.</p>
<ul><li>Oplæg fra Dansk Industri</li><li>Case fra <em>Kalundborg</em> Forsyning</li></ul>
<h2>Vækstteams</h2>
<p>De syv regionale vækstteams skal komme med anbefalinger.</p>
<aside class="related"><h2>Relaterede nyheder</h2><a href="/x">Ny rapport om affald</a></aside>
<div class="share-buttons">Del på Facebook Del på LinkedIn</div>
<section class="related-news"><h3>Læs også</h3><p>Kommunerne og vindmøllerne</p></section>
</article></main>
<footer class="site-footer"><p>KL, Weidekampsgade 10, 2300 København S</p><p>Cookiepolitik</p></footer>
<script>trackPageView();</script>
</body></html>"""


@pytest.fixture
def page():
    return html.extract(KL_PAGE.encode("utf-8"), "2021-04-29/nyhed.html")


def test_headline_is_the_h1_not_the_title_tag(page):
    assert page.title_candidates[0] == (
        "Kommunernes klimapolitiske netværk stiller skarpt på klimasamarbejde med erhvervslivet"
    )


def test_og_title_without_site_suffix_when_there_is_no_h1():
    data = KL_PAGE.replace("<h1>", "<p>").replace("</h1>", "</p>").encode()
    assert html.extract(data, "n.html").title_candidates[0] == "Netværket stiller skarpt på klimasamarbejde"


def test_page_furniture_is_gone(page):
    text = page.text
    for furniture in ["Forside", "cookies", "Accepter", "Relaterede", "Ny rapport om affald", "Del på",
                      "Læs også", "vindmøllerne", "Weidekampsgade", "Cookiepolitik", "trackPageView",
                      "dataLayer", "color: red", "Gå til indhold"]:
        assert furniture not in text


def test_one_passage_per_heading_section_in_reading_order(page):
    assert [p.heading for p in page.passages] == [
        "Kommunernes klimapolitiske netværk stiller skarpt på klimasamarbejde med erhvervslivet",
        "Sektorkobling",
        "Vækstteams",
    ]
    assert [p.number for p in page.passages] == [1, 2, 3]
    assert page.passages[0].text.startswith("22. april 2021\nPå det kommende netværksmøde den 29. april")
    assert page.passages[1].text == (
        "Netværket kigger ind i sektorkobling og tværgående teknologiske løsninger.\n"
        "Oplæg fra Dansk Industri\nCase fra Kalundborg Forsyning"
    )


def test_published_date_from_meta(page):
    assert page.dates == (("html-meta", date(2021, 4, 22)),)
    assert "news-page" in page.hints


@pytest.mark.parametrize(
    "head",
    [
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-10-25"}</script>',
        '<meta name="date" content="2022-10-25">',
        '<meta itemprop="datePublished" content="2022-10-25T10:00">',
    ],
)
def test_published_date_from_other_metadata(head):
    data = f"<html><head>{head}</head><body><h1>Skybrud</h1><p>Tekst om skybrud.</p></body></html>"
    assert html.extract(data.encode(), "n.html").dates == (("html-meta", date(2022, 10, 25)),)


def test_time_element_gives_the_date():
    data = '<html><body><article><h1>X</h1><time datetime="2020-09-17">17. sep</time><p>Tekst.</p></article></body></html>'
    assert html.extract(data.encode(), "n.html").dates == (("html-meta", date(2020, 9, 17)),)


def test_declared_legacy_encoding_is_honoured():
    data = '<html><head><meta charset="windows-1252"></head><body><p>Møde i Århus – æøå</p></body></html>'
    assert html.extract(data.encode("cp1252"), "n.html").passages[0].text == "Møde i Århus – æøå"


def test_sloppy_html_still_reads():
    data = b"<html><body><h1>Overskrift<p>Et afsnit uden slut<p>Et andet afsnit<div>sidste"
    extracted = html.extract(data, "n.html")
    assert "Et andet afsnit" in extracted.text and "sidste" in extracted.text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "filen er tom"),
        (b"   \n", "filen er tom"),
        (b"<html><head><title>Tom | KL</title><script>x()</script></head><body><nav>Menu</nav></body></html>",
         "ingen læsbar tekst"),
        (b"<html><body><header class='site-header'>Logo</header><footer>Kontakt</footer></body></html>",
         "ingen læsbar tekst"),
    ],
    ids=["empty", "blank", "only-furniture", "header-footer"],
)
def test_page_without_text_is_an_error(data, reason):
    with pytest.raises(IngestError, match=reason):
        html.extract(data, "tom.html")


def test_headline_inside_a_page_header_class_is_kept():
    data = ('<html><body><div class="page-header"><h1>Skybrud og stormflod</h1></div>'
            '<div class="content"><p>Tekst om skybrud.</p></div></body></html>')
    extracted = html.extract(data.encode(), "n.html")
    assert extracted.title_candidates[0] == "Skybrud og stormflod"


def test_related_block_without_wrapper_takes_only_its_own_section():
    body = "".join(f"<p>Afsnit {n} om partnerskaber og erhvervsliv i kommunerne.</p>" for n in range(20))
    data = (f"<html><body><article><div class='body'><h1>Overskrift</h1>{body}"
            "<h2>Læs også</h2><ul><li>Andet emne</li></ul><h2>Kontakt</h2><p>Skriv til os.</p>"
            "</div></article></body></html>")
    text = html.extract(data.encode(), "n.html").text
    assert "Afsnit 19" in text and "Skriv til os." in text
    assert "Andet emne" not in text and "Læs også" not in text


def test_consent_dialogs_by_any_name_are_dropped():
    data = ('<html><body><div id="CybotCookiebotDialog"><p>Dette website bruger cookies</p></div>'
            '<div class="article-related-news"><p>Anden nyhed</p></div>'
            "<h1>Overskrift</h1><p>Brødtekst om klima.</p></body></html>")
    assert html.extract(data.encode(), "n.html").text == "Overskrift\nBrødtekst om klima."


def test_a_dateline_before_the_headline_joins_the_first_section():
    data = "<html><body><p>22. april 2021</p><h1>Overskrift</h1><p>Tekst.</p><h2>Mere</h2><p>Andet.</p></body></html>"
    passages = html.extract(data.encode(), "n.html").passages
    assert [(p.number, p.heading, p.text) for p in passages] == [
        (1, "Overskrift", "22. april 2021\nTekst."),
        (2, "Mere", "Andet."),
    ]
