"""Saved web pages (.html): the article's headline and text, without the page around it."""

from __future__ import annotations

import json
import re
import warnings

from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.dates import parse_iso_date
from ingest.document import Passage
from ingest.encoding import NotText, decode_text
from ingest.errors import IngestError
from ingest.extracted import Extracted, sections
from ingest.normalize import clean_line

NAME = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")
MIME_TYPES = ("text/html", "application/xhtml+xml")

_DROP_TAGS = ("script", "style", "noscript", "nav", "aside", "form", "iframe", "svg", "template",
              "button", "select", "input", "object", "embed", "canvas", "dialog")
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
# Class names and ids of page furniture: anywhere in the name ("CybotCookiebotDialog",
# "article-related-news"), or at its start for short, common words ("nav-main", "menu").
_DROP_CLASS = re.compile(
    r"cookie|consent|gdpr|related|relaterede|breadcrumb|share|sharing|social|newsletter|nyhedsbrev"
    r"|^(some-|site-header|site-footer|page-footer|global-|nav|menu|skip|sidebar|banner|footer|header$"
    r"|topbar|toolbar|pagination|tags?$|print|sr-only|visually-hidden)",
    re.IGNORECASE,
)
_RELATED_HEADING = re.compile(
    r"^(relaterede?|læs også|læs mere|se også|mere om|andre nyheder|flere nyheder|mest læste|related)",
    re.IGNORECASE,
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_BLOCKS = ("p", "li", "blockquote", "pre", "dt", "dd", "figcaption", "caption", "td", "th", "address")
_CONTAINERS = ("div", "section", "article", "main", "header", "ul", "ol", "dl", "table", "thead", "tbody",
               "tr", "figure", "body", "center", "details", "summary")
_PUBLISHED_META = (
    ("property", "article:published_time"),
    ("name", "article:published_time"),
    ("itemprop", "datePublished"),
    ("name", "date"),
    ("name", "dc.date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.created"),
    ("name", "pubdate"),
    ("name", "publishdate"),
    ("name", "publish-date"),
    ("property", "og:published_time"),
)
_SMALL_BLOCK_CHARS = 600
_SHORT_LEAD_CHARS = 80
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")


def extract(data: bytes, name: str) -> Extracted:
    if not data.strip():
        raise IngestError(name, "the file is empty")
    try:
        decode_text(data)  # binary junk named .html is no page, whatever the parser makes of it
    except NotText as exc:
        raise IngestError(name, str(exc)) from exc
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(data, "html.parser")
    metas = _meta_tags(soup)
    published = _published(soup, metas)
    meta_titles = _meta_titles(soup, metas)
    news = bool(published or soup.find("article") or metas.get(("property", "og:type")) == "article")
    root = _content_root(soup)
    _strip_page_furniture(root)
    try:
        blocks = _blocks(root)
    except RecursionError as exc:
        raise IngestError(name, "the page is nested too deeply to be read") from exc
    headline = next((c for k, c in blocks if k == "h1"), None)
    passages = _merge_short_lead(sections([("heading" if k.startswith("h") else "text", c) for k, c in blocks]))
    if not any(p.text for p in passages):
        raise IngestError(name, "the page holds no readable text")
    titles = ([headline] if headline else []) + meta_titles
    return Extracted(
        format=NAME,
        passages=passages,
        title_candidates=tuple(dict.fromkeys(t for t in titles if t)),
        dates=(("html-meta", published),) if published else (),
        hints=("news-page",) if news else (),
    )


def _merge_short_lead(passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    """A few words before the headline (a dateline, a kicker such as "Nyhed") join the first section."""
    if len(passages) < 2 or passages[0].heading is not None or len(passages[0].text) >= _SHORT_LEAD_CHARS:
        return passages
    lead, first, rest = passages[0], passages[1], passages[2:]
    merged = Passage(1, f"{lead.text}\n{first.text}".strip(), first.heading)
    return (merged,) + tuple(Passage(p.number - 1, p.text, p.heading) for p in rest)


def _meta_tags(soup: BeautifulSoup) -> dict[tuple[str, str], str]:
    """The page's <meta> contents in one pass, keyed by (attribute, lower-cased value); the first wins."""
    found: dict[tuple[str, str], str] = {}
    for tag in soup.find_all("meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            value = tag.get(attr)
            if isinstance(value, str):
                found.setdefault((attr, value.strip().lower()), content.strip())
    return found


def _meta_titles(soup: BeautifulSoup, metas: dict[tuple[str, str], str]) -> list[str]:
    """og:title / twitter:title / <title>, without a site suffix such as " | KL"."""
    raw = [metas.get(("property", "og:title")), metas.get(("name", "twitter:title"))]
    if soup.title and soup.title.string:
        raw.append(soup.title.string)
    return [clean_line(_SITE_SUFFIX.sub("", clean_line(t))) for t in raw if t and clean_line(t)]


def _published(soup: BeautifulSoup, metas: dict[tuple[str, str], str]):
    for attr, value in _PUBLISHED_META:
        found = parse_iso_date(metas.get((attr, value.lower()), ""))
        if found:
            return found
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        found = _json_ld_date(script.string or "")
        if found:
            return found
    time = soup.find("time", attrs={"datetime": True})
    return parse_iso_date(time["datetime"]) if time else None


def _json_ld_date(raw: str):
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    items = data if isinstance(data, list) else [data]
    for item in items:
        if isinstance(item, dict) and parse_iso_date(item.get("datePublished")):
            return parse_iso_date(item.get("datePublished"))
    return None


def _content_root(soup: BeautifulSoup) -> Tag:
    for candidate in (soup.find("article"), soup.find("main"), soup.find(attrs={"role": "main"}), soup.body):
        if isinstance(candidate, Tag):
            return candidate
    return soup


def _strip_page_furniture(root: Tag) -> None:
    for tag in root.find_all(_DROP_TAGS):
        tag.decompose()
    # Never drop the headline with its surroundings (a set, not tag.find per tag: that is
    # quadratic on deeply nested pages).
    around_headline = {id(parent) for h1 in root.find_all("h1") for parent in h1.parents}
    for tag in root.find_all(True):
        if _removed(tag) or id(tag) in around_headline:
            continue
        classes = tag.get("class") or []
        ident = tag.get("id") or ""
        if (
            tag.get("role") in _DROP_ROLES
            or tag.get("aria-hidden") == "true"
            or tag.has_attr("hidden")
            or any(_DROP_CLASS.search(c) for c in [*classes, ident] if isinstance(c, str))
            or tag.name in ("header", "footer")
        ):
            tag.decompose()
    for heading in root.find_all(_HEADINGS):
        if not _removed(heading) and _RELATED_HEADING.match(clean_line(heading.get_text(" "))):
            _drop_section(heading)


def _removed(tag: Tag) -> bool:
    """Whether the tag went with an ancestor already removed. (Tag.decomposed cannot be used here:
    on a tag still in the tree it searches the whole subtree for a <_decomposed> element, which
    makes a deeply nested page take minutes.)"""
    return bool(vars(tag).get("_decomposed", False))


def _drop_section(heading: Tag) -> None:
    """Remove a "related news" block: its wrapper when the wrapper holds little else, otherwise the
    heading and what follows it up to the next heading of the same or a higher level."""
    wrapper = heading.parent
    own = len(clean_line(heading.get_text(" ")))
    if wrapper is not None and wrapper.name in ("section", "div") and (
        len(clean_line(wrapper.get_text(" "))) - own < _SMALL_BLOCK_CHARS
    ):
        wrapper.decompose()
        return
    level = int(heading.name[1])
    for sibling in list(heading.find_next_siblings()):
        if sibling.name in _HEADINGS and int(sibling.name[1]) <= level:
            break
        sibling.decompose()
    heading.decompose()


def _blocks(root: Tag) -> list[tuple[str, str]]:
    """("h1".."h6" | "text", content) in reading order; inline elements join their paragraph."""
    blocks: list[tuple[str, str]] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean_line(" ".join(buffer))
        buffer.clear()
        if text:
            blocks.append(("text", text))

    def walk(element: Tag, strings: bool = True) -> None:
        for child in element.children:
            if type(child) is NavigableString:
                if strings:
                    buffer.append(str(child))
            elif not isinstance(child, Tag):
                continue
            elif child.name in _HEADINGS and child.find(_CONTAINERS + _BLOCKS):
                # Sloppy markup: an unclosed heading swallowed the paragraphs after it.
                flush()
                own = clean_line(" ".join(s for s in child.find_all(string=True, recursive=False)))
                if own:
                    blocks.append((child.name, own))
                walk(child, strings=False)
                flush()
            elif child.name in _HEADINGS:
                flush()
                text = clean_line(child.get_text(" "))
                if text:
                    blocks.append((child.name, text))
            elif child.name in _BLOCKS:
                flush()
                buffer.append(child.get_text(" "))
                flush()
            elif child.name == "br":
                flush()
            elif child.name in _CONTAINERS:
                flush()
                walk(child)
                flush()
            else:
                buffer.append(child.get_text(" "))
    walk(root)
    flush()
    return blocks
