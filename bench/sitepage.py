"""A news article wrapped in a full municipal or KL-like site template, at real size (30-150 KB).

Real saved web pages are mostly page furniture: a mega-menu of a few hundred links, a cookie
consent dialog, an inline icon sprite, tracking scripts, JSON-LD, share buttons, a "related news"
box and a footer with addresses. Only the headline, dateline and body are the article. This module
writes such pages from an article (`bench.textgen.DocText`) and a `random.Random`, so the bench,
the sample corpus (`tools/make_sample_corpus.py`) and the tests all use one template.

Every word of furniture is fixed here (FURNITURE_WORDS lists some that never occur in an article),
so a test can check that none of it is indexed. All names and text are our own.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass

from bench.textgen import MONTHS, DocText
from ingest.normalize import slugify as _slug

# Words that appear only in the template (menus, cookie dialog, share buttons, related news,
# footer, scripts): a search for them must not find an article page.
FURNITURE_WORDS = ("kørekort", "hjemmehjælp", "statistikcookies", "marketingcookies", "Rådhustorvet",
                   "Tilgængelighedserklæring", "LinkedIn", "Hundeskov", "Vinterbadning", "dataLayer",
                   "Borgerservice", "Affaldskalender", "Nyhedsbrevet")


@dataclass(frozen=True)
class Site:
    name: str          # "Fjordby Kommune"
    short: str         # suffix of <title>: "Fjordby Kommune" or "KL"
    domain: str
    address: tuple[str, ...]
    menu: tuple[tuple[str, tuple[str, ...]], ...]  # (section, links)


_MUNICIPAL_MENU = (
    ("Borger", ("Borgerservice", "Pas og kørekort", "Flytning", "Sundhedskort", "Digital post", "Skat og boligstøtte",
                "Pension og folkepension", "Hjemmehjælp", "Madservice", "Hjælpemidler", "Plejebolig",
                "Genoptræning", "Tandpleje for børn", "Sundhedsplejen", "Dagpleje og vuggestue",
                "Skoleindskrivning", "SFO og fritidsklub", "Ungdomsskolen", "Musikskolen", "Bibliotekerne")),
    ("Affald og genbrug", ("Affaldskalender", "Sortering derhjemme", "Genbrugspladserne", "Storskrald",
                           "Haveaffald", "Farligt affald", "Beholdere og tømning", "Gebyrer for affald")),
    ("Bolig og byggeri", ("Byggetilladelse", "Lokalplaner", "Ejendomsskat", "Skorstensfejning", "Olietanke",
                          "Jordforurening", "Husnumre og adresser", "Byggesagsarkiv")),
    ("Natur og fritid", ("Hundeskov og hundeluftning", "Vinterbadning", "Shelters og bålpladser", "Idrætshaller",
                         "Foreningsliv", "Lokaletilskud", "Stisystemer", "Strande og badevand", "Friluftsliv")),
    ("Erhverv", ("Start egen virksomhed", "Udbud og indkøb", "Erhvervsaffald", "Miljøgodkendelser",
                 "Udeservering", "Skilte og facader", "Erhvervsservice", "Beskæftigelse og rekruttering")),
    ("Politik", ("Byrådet", "Dagsordener og referater", "Udvalg", "Borgmesteren", "Valg", "Høringer",
                 "Politikker og strategier", "Budget og regnskab", "Vision")),
    ("Job og organisation", ("Ledige stillinger", "Praktik og elevpladser", "Organisationsdiagram",
                             "Medarbejderportal", "Presse og kommunikation", "Åbningstider")),
)
_KL_MENU = (
    ("Politik", ("Bestyrelsen", "Kommunekontaktrådene", "Udvalgene", "Kommunalvalg", "Aftaler med regeringen",
                 "Økonomiforhandlinger", "Høringssvar", "Politiske mærkesager")),
    ("Fagområder", ("Beskæftigelse", "Børn og unge", "Dagtilbud", "Folkeskolen", "Ældre", "Sundhed",
                    "Socialområdet", "Teknik og miljø", "Trafik og infrastruktur", "Digitalisering",
                    "Integration", "Kultur og fritid", "Erhverv og vækst", "Beredskab")),
    ("Kurser og konferencer", ("Kursuskalender", "Konferencer", "Temadage", "Netværk", "Lederuddannelse",
                               "Tilmelding og betingelser", "Kursussteder")),
    ("Analyser og tal", ("Nøgletal", "Kommunernes økonomi", "Befolkningsprognoser", "Analyser",
                         "Statistikbanken", "Benchmark")),
    ("Om KL", ("Organisation", "Medarbejdere", "Ledige stillinger", "Presse", "Kontakt", "Persondatapolitik",
               "Whistleblowerordning", "Tilgængelighedserklæring")),
)

SITES = (
    Site("Fjordby Kommune", "Fjordby Kommune", "fjordby.dk",
         ("Fjordby Kommune", "Rådhustorvet 1", "6700 Fjordby", "Telefon 76 00 00 00", "CVR 29 18 99 99"),
         _MUNICIPAL_MENU),
    Site("Kommunernes Landsforening", "KL", "kl.dk",
         ("KL", "Weidekampsgade 10", "2300 København S", "Telefon 33 70 33 70", "CVR 55 34 20 18"),
         _KL_MENU),
)

_COOKIE_TEXT = (
    "Vi bruger cookies for at hjemmesiden fungerer, for at føre statistik over besøg og for at vise "
    "dig relevante videoer. Du kan til enhver tid ændre eller trække dit samtykke tilbage. Nødvendige "
    "cookies kan ikke fravælges. Statistikcookies hjælper os med at forbedre siden, og marketingcookies "
    "bruges af tredjeparter til at vise indhold fra sociale medier."
)
_COOKIE_KINDS = (
    ("Nødvendige", "Cookies der får siden til at virke, fx sprogvalg og dit samtykke."),
    ("Præferencer", "Cookies der husker dine valg, fx skriftstørrelse."),
    ("Statistik", "Statistikcookies viser anonymt, hvordan siden bruges."),
    ("Marketing", "Marketingcookies følger dig på tværs af sider for at vise annoncer og videoer."),
)
_RELATED = (
    "Ny cykelsti åbner langs fjorden", "Sommerferiens åbningstider på borgerservice",
    "Byrådet vedtager budget for næste år", "Vinterbadning ved havnen bliver gratis",
    "Nye hundeskove i tre bydele", "Affaldskalenderen får ny app", "Kom til åbent hus på rådhuset",
    "Skolernes sommerferie starter i næste uge", "Frivillige søges til idrætsdag",
    "Biblioteket udvider med makerspace",
)
_SHARE = ("Facebook", "LinkedIn", "X", "E-mail", "Udskriv")
_ICONS = ("search", "menu", "close", "arrow-right", "arrow-down", "facebook", "linkedin", "x", "mail", "print",
          "phone", "calendar", "download", "external", "home", "user", "globe", "chevron")


def page(article: DocText, rng: random.Random, *, published: str | None = None, site: Site | None = None) -> str:
    """The whole page (str) of `article` on `site` (chosen by rng when None).

    `published` (ISO date) goes in the meta tags, the JSON-LD and the <time> element, as real pages do.
    """
    site = site or rng.choice(SITES)
    esc = html.escape
    title = esc(article.title)
    parts = [
        '<!DOCTYPE html>\n<html lang="da" class="no-js">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title} | {esc(site.short)}</title>",
        _meta(article, site, published),
        f"<style>{_critical_css(rng)}</style>",
        _json_ld(article, site, published),
        _tracking_head(site),
        "</head>",
        '<body class="page-news">',
        _icon_sprite(rng),
        '<a class="skip-link" href="#main-content">Gå til indhold</a>',
        _cookie_dialog(site),
        _header(site, rng),
        _breadcrumbs(site, article),
        '<main id="main-content">',
        _article(article, published),
        _share(),
        _related(rng),
        _newsletter(site),
        "</main>",
        _footer(site),
        _tail_scripts(site, rng),
        "</body>\n</html>\n",
    ]
    return "\n".join(parts)


def _meta(article: DocText, site: Site, published: str | None) -> str:
    esc = html.escape
    description = esc(article.sections[0].paragraphs[0][:150]) if article.sections and article.sections[0].paragraphs else ""
    tags = [
        f'<meta name="description" content="{description}">',
        f'<meta property="og:title" content="{esc(article.title)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{esc(site.name)}">',
        f'<meta property="og:description" content="{description}">',
        f'<meta property="og:image" content="https://{site.domain}/media/del-billede.jpg">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<link rel="canonical" href="https://{site.domain}/nyheder/artikel">',
        f'<link rel="preload" href="https://{site.domain}/dist/fonts/sans.woff2" as="font" crossorigin>',
        f'<link rel="stylesheet" href="https://{site.domain}/dist/main.css?v=4.12.0">',
        f'<link rel="icon" href="https://{site.domain}/favicon.ico">',
    ]
    if published:
        tags.append(f'<meta property="article:published_time" content="{published}T08:00:00+01:00">')
    return "\n".join(tags)


def _critical_css(rng: random.Random) -> str:
    rules = []
    for k in range(rng.randint(40, 120)):
        rules.append(f".c-{k}{{margin:0 {k % 7}px;padding:{k % 5}px {k % 3}rem;color:#{(k * 2654435761) % 0xFFFFFF:06x}}}")
    return "".join(rules)


def _json_ld(article: DocText, site: Site, published: str | None) -> str:
    news = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
            "publisher": {"@type": "Organization", "name": site.name}}
    if published:
        news["datePublished"] = published
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Forside", "item": f"https://{site.domain}/"},
        {"@type": "ListItem", "position": 2, "name": "Nyheder", "item": f"https://{site.domain}/nyheder"}]}
    return "\n".join(f'<script type="application/ld+json">{json.dumps(d, ensure_ascii=False)}</script>'
                     for d in (news, crumbs))


def _tracking_head(site: Site) -> str:
    return (
        "<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
        "gtag('consent','default',{analytics_storage:'denied',ad_storage:'denied'});"
        f"dataLayer.push({{'site':'{site.domain}','sektion':'Nyheder'}});</script>\n"
        f'<script async src="https://{site.domain}/statistik/tag.js"></script>\n'
        f'<script id="Cookiebot" src="https://consent.{site.domain}/uc.js" data-blockingmode="auto"></script>'
    )


def _icon_sprite(rng: random.Random) -> str:
    symbols = []
    for name in _ICONS:
        path = " ".join(f"L{rng.randint(0, 24)}.{rng.randint(0, 99)} {rng.randint(0, 24)}.{rng.randint(0, 99)}"
                        for _ in range(rng.randint(20, 60)))
        symbols.append(f'<symbol id="icon-{name}" viewBox="0 0 24 24"><path d="M0 0 {path}Z"/></symbol>')
    return f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{"".join(symbols)}</svg>'


def _cookie_dialog(site: Site) -> str:
    kinds = "".join(
        f'<li class="cookie-category"><label><input type="checkbox" name="{name.lower()}"'
        f'{" checked disabled" if name == "Nødvendige" else ""}> {name}</label><p>{text}</p></li>'
        for name, text in _COOKIE_KINDS
    )
    return (
        f'<div id="CybotCookiebotDialog" class="cookie-consent" role="dialog" aria-label="Samtykke til cookies">'
        f"<h2>{html.escape(site.name)} bruger cookies</h2><p>{_COOKIE_TEXT}</p><ul>{kinds}</ul>"
        '<button class="cookie-accept">Tillad alle</button> <button class="cookie-decline">Kun nødvendige</button>'
        f' <a href="https://{site.domain}/cookiepolitik">Læs vores cookiepolitik</a></div>'
    )


def _header(site: Site, rng: random.Random) -> str:
    esc = html.escape
    sections = []
    for section, links in site.menu:
        items = "".join(
            f'<li><a href="https://{site.domain}/{_slug(section)}/{_slug(link)}">{esc(link)}</a>'
            f'<span class="teaser">{esc(_menu_teaser(link, rng))}</span></li>'
            for link in links
        )
        sections.append(
            f'<li class="mega-menu__item"><button aria-expanded="false">{esc(section)}</button>'
            f'<div class="mega-menu__panel"><ul class="mega-menu__links">{items}</ul></div></li>'
        )
    utility = "".join(f'<li><a href="https://{site.domain}/{_slug(w)}">{w}</a></li>'
                      for w in ("Kontakt", "English", "Presse", "Job", "Selvbetjening"))
    return (
        f'<header class="site-header"><a class="logo" href="https://{site.domain}/">'
        f'<svg class="icon"><use href="#icon-home"></use></svg>{esc(site.name)}</a>'
        f'<nav class="utility-nav" aria-label="Genveje"><ul>{utility}</ul></nav>'
        f'<form class="site-search" role="search" action="/soeg"><label for="q">Søg på {esc(site.domain)}</label>'
        '<input id="q" name="q"><button>Søg</button></form>'
        f'<nav class="mega-menu" aria-label="Hovedmenu"><ul>{"".join(sections)}</ul></nav></header>'
    )


def _menu_teaser(link: str, rng: random.Random) -> str:
    verbs = ("Læs om", "Find svar om", "Se regler for", "Alt om", "Bestil og ret", "Få hjælp til")
    return f"{rng.choice(verbs)} {link.lower()}, åbningstider og selvbetjening"


def _breadcrumbs(site: Site, article: DocText) -> str:
    return (
        '<nav class="breadcrumb" aria-label="Brødkrummesti"><ol>'
        f'<li><a href="https://{site.domain}/">Forside</a></li><li><a href="/nyheder">Nyheder</a></li>'
        f"<li aria-current=\"page\">{html.escape(article.title[:40])}</li></ol></nav>"
    )


def _article(article: DocText, published: str | None) -> str:
    esc = html.escape
    when = (f'<time datetime="{published}">{esc(article.dateline)}</time>' if published
            else esc(article.dateline))
    body = []
    for number, section in enumerate(article.sections):
        if section.heading:
            body.append(f"<h2>{esc(section.heading)}</h2>")
        for k, text in enumerate(section.paragraphs):
            css = ' class="lead"' if number == 0 and k == 0 else ""
            body.append(f"<p{css}>{esc(text)}</p>")
    return (
        '<article class="news-article"><div class="news-article__header">'
        f'<span class="label">Nyhed</span><h1>{esc(article.title)}</h1>'
        f'<p class="dateline">{when}</p></div>'
        f'<div class="rich-text">{"".join(body)}</div></article>'
    )


def _share() -> str:
    buttons = "".join(f'<li><a class="share__link" href="#"><svg><use href="#icon-{name.lower()}"></use></svg>'
                      f"Del på {name}</a></li>" for name in _SHARE)
    return f'<div class="share" aria-label="Del siden"><h2>Del siden</h2><ul>{buttons}</ul></div>'


def _related(rng: random.Random) -> str:
    items = []
    for title in rng.sample(_RELATED, rng.randint(3, 6)):
        day = f"{rng.randint(1, 28)}. {rng.choice(MONTHS)}"
        items.append(f'<li class="card"><a href="#"><span class="card__date">{day}</span>'
                     f"<h3>{html.escape(title)}</h3><p>Læs hele historien om {html.escape(title.lower())}.</p></a></li>")
    return f'<section class="related-news"><h2>Relaterede nyheder</h2><ul>{"".join(items)}</ul></section>'


def _newsletter(site: Site) -> str:
    return (
        '<section class="newsletter-signup"><h2>Nyhedsbrevet</h2>'
        f"<p>Få nyheder fra {html.escape(site.name)} direkte i din indbakke hver fredag.</p>"
        '<form><label for="mail">E-mail</label><input id="mail" type="email"><button>Tilmeld</button></form></section>'
    )


def _footer(site: Site) -> str:
    esc = html.escape
    address = "".join(f"<li>{esc(line)}</li>" for line in site.address)
    columns = "".join(
        f'<div class="footer__col"><h2>{esc(section)}</h2><ul>'
        + "".join(f'<li><a href="/{_slug(link)}">{esc(link)}</a></li>' for link in links[:6])
        + "</ul></div>"
        for section, links in site.menu
    )
    return (
        f'<footer class="site-footer"><div class="footer__address"><h2>Kontakt</h2><ul>{address}</ul>'
        "<p>Telefontid mandag-torsdag 9-15, fredag 9-13</p></div>"
        f"{columns}<ul class='footer__some'><li>Følg os på LinkedIn</li><li>Følg os på Facebook</li></ul>"
        '<p><a href="/tilgaengelighed">Tilgængelighedserklæring</a> · <a href="/cookiepolitik">Cookiepolitik</a>'
        " · <a href=\"/privatliv\">Privatlivspolitik</a></p></footer>"
    )


def _tail_scripts(site: Site, rng: random.Random) -> str:
    """The site's state blob (menus and labels as JSON for its JavaScript) and the tracking calls."""
    state = {
        "site": site.domain, "build": f"4.12.{rng.randint(0, 99)}",
        "menu": [{"label": section, "links": [{"label": link, "url": f"/{_slug(section)}/{_slug(link)}",
                                                "id": rng.getrandbits(48)} for link in links]}
                 for section, links in site.menu],
        "labels": {f"label_{k}": f"Tekst nummer {k} til brugerfladen" for k in range(rng.randint(50, 1500))},
    }
    return (
        f'<script id="site-state" type="application/json">{json.dumps(state, ensure_ascii=False)}</script>\n'
        f'<script src="https://{site.domain}/dist/main.js?v=4.12.0" defer></script>\n'
        "<script>document.documentElement.classList.remove('no-js');"
        "window.dataLayer.push({event:'pageview',sektion:'Nyheder'});</script>\n"
        f'<noscript><img src="https://{site.domain}/statistik/pixel.gif" alt=""></noscript>'
    )

