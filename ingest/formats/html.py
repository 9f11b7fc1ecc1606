"""Saved web pages (.html): the article's headline and text, without the page around it.

Parsed with lxml (libxml2's HTML parser, in C): a real 30-150 KB page with a site template parses in
about a millisecond, where BeautifulSoup with Python's html.parser took some 20 ms. What is furniture
(menus, cookie dialogs, share buttons, related news, footers, scripts) is decided in `ingest.formats.webpage`.
"""

from __future__ import annotations

import json
import re
import unicodedata

from lxml import etree

from ingest.dates import parse_iso_date
from ingest.document import Passage
from ingest.encoding import NotText, decode_text
from ingest.errors import IngestError
from ingest.extracted import Extracted, sections
from ingest.formats.webpage import content_root, strip_furniture
from ingest.messages import EMPTY_FILE
from ingest.normalize import clean_line

NAME = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")
MIME_TYPES = ("text/html", "application/xhtml+xml")
NO_PAGE_TEXT = "siden indeholder ingen læsbar tekst"

_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_BLOCKS = frozenset(("p", "li", "blockquote", "pre", "dt", "dd", "figcaption", "caption", "td", "th", "address"))
_CONTAINERS = frozenset(("div", "section", "article", "main", "header", "ul", "ol", "dl", "table", "thead",
                         "tbody", "tr", "figure", "body", "center", "details", "summary"))
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
_SHORT_LEAD_CHARS = 80
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{1,40}$")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)


def extract(data: bytes, name: str) -> Extracted:
    if not data.strip():
        raise IngestError(name, EMPTY_FILE)
    root = _parse(decode_page(data, name), name)
    metas = _meta_tags(root)
    published = _published(root, metas)
    meta_titles = _meta_titles(root, metas)
    news = bool(published or _first(root, "article") is not None or metas.get(("property", "og:type")) == "article")
    body = content_root(root)
    strip_furniture(body)
    blocks = _blocks(body)
    headline = next((c for k, c in blocks if k == "h1"), None)
    passages = _merge_short_lead(sections([("heading" if k.startswith("h") else "text", c) for k, c in blocks]))
    if not any(p.text for p in passages):
        raise IngestError(name, NO_PAGE_TEXT)
    titles = ([headline] if headline else []) + meta_titles
    return Extracted(
        format=NAME,
        passages=passages,
        title_candidates=tuple(dict.fromkeys(t for t in titles if t)),
        dates=(("html-meta", published),) if published else (),
        hints=("news-page",) if news else (),
    )


def decode_page(data: bytes, name: str) -> str:
    """The page as text: UTF-8 when it is valid UTF-8, else the charset the page declares, else
    what `decode_text` makes of it (cp1252, ...). Binary junk named .html is no page."""
    try:
        text = decode_text(data)
    except NotText as exc:
        raise IngestError(name, str(exc)) from exc
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared and not _is_utf8(data):
        try:
            return unicodedata.normalize("NFC", data.decode(declared.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    return text


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _parse(text: str, name: str) -> etree._Element:
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)
    root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise IngestError(name, "siden er for dybt indlejret til at kunne læses")
    if root is None:
        raise IngestError(name, NO_PAGE_TEXT)
    return root


def _first(root: etree._Element, tag: str) -> etree._Element | None:
    return next(root.iter(tag), None)


def _merge_short_lead(passages: tuple[Passage, ...]) -> tuple[Passage, ...]:
    """A few words before the headline (a dateline, a kicker such as "Nyhed") join the first section."""
    if len(passages) < 2 or passages[0].heading is not None or len(passages[0].text) >= _SHORT_LEAD_CHARS:
        return passages
    lead, first, rest = passages[0], passages[1], passages[2:]
    merged = Passage(1, f"{lead.text}\n{first.text}".strip(), first.heading)
    return (merged,) + tuple(Passage(p.number - 1, p.text, p.heading) for p in rest)


def _meta_tags(root: etree._Element) -> dict[tuple[str, str], str]:
    """The page's <meta> contents in one pass, keyed by (attribute, lower-cased value); the first wins."""
    found: dict[tuple[str, str], str] = {}
    for tag in root.iter("meta"):
        content = (tag.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            value = tag.get(attr)
            if value is not None:
                found.setdefault((attr, value.strip().lower()), content)
    return found


def _meta_titles(root: etree._Element, metas: dict[tuple[str, str], str]) -> list[str]:
    """og:title / twitter:title / <title>, without a site suffix such as " | KL"."""
    raw = [metas.get(("property", "og:title")), metas.get(("name", "twitter:title"))]
    title = _first(root, "title")
    if title is not None:
        raw.append("".join(title.itertext()))
    return [clean_line(_SITE_SUFFIX.sub("", clean_line(t))) for t in raw if t and clean_line(t)]


def _published(root: etree._Element, metas: dict[tuple[str, str], str]):
    for attr, value in _PUBLISHED_META:
        found = parse_iso_date(metas.get((attr, value.lower()), ""))
        if found:
            return found
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            found = _json_ld_date(script.text or "")
            if found:
                return found
    for time in root.iter("time"):
        if time.get("datetime") is not None:
            return parse_iso_date(time.get("datetime"))
    return None


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


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _blocks(root: etree._Element) -> list[tuple[str, str]]:
    """("h1".."h6" | "text", content) in reading order; inline elements join their paragraph."""
    blocks: list[tuple[str, str]] = []
    buffer: list[str] = []

    def flush() -> None:
        text = clean_line("".join(buffer))
        buffer.clear()
        if text:
            blocks.append(("text", text))

    def walk(element: etree._Element, strings: bool = True) -> None:
        if strings and element.text:
            buffer.append(element.text)
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                pass
            elif tag in _HEADINGS and _holds_blocks(child):
                # Sloppy markup: an unclosed heading swallowed the paragraphs after it.
                flush()
                own = clean_line(" ".join(s for s in [child.text, *(c.tail for c in child)] if s))
                if own:
                    blocks.append((tag, own))
                walk(child, strings=False)
                flush()
            elif tag in _HEADINGS:
                flush()
                text = clean_line(_text(child))
                if text:
                    blocks.append((tag, text))
            elif tag in _BLOCKS:
                flush()
                buffer.append(_text(child))
                flush()
            elif tag == "br":
                flush()
            elif tag in _CONTAINERS:
                flush()
                walk(child)
                flush()
            else:
                buffer.append(_text(child))
            if strings and child.tail:
                buffer.append(child.tail)

    walk(root)
    flush()
    return blocks


def _holds_blocks(heading: etree._Element) -> bool:
    return any(isinstance(e.tag, str) and (e.tag in _BLOCKS or e.tag in _CONTAINERS) for e in heading.iterdescendants())
