"""Which parts of a web page are page furniture: the rules, on an lxml tree.

A saved page is mostly template: navigation and mega-menus, cookie consent dialogs, share buttons,
"related news" boxes, newsletter forms, headers and footers, scripts and styles. They are recognised
by tag, by ARIA role, by hidden flags and by class names and ids, and removed in place; what stays is
the article (headline, dateline, body).
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from ingest.normalize import clean_line

_DROP_TAGS = frozenset(("script", "style", "noscript", "nav", "aside", "form", "iframe", "svg", "template",
                        "button", "select", "input", "object", "embed", "canvas", "dialog", "header", "footer"))
_DROP_ROLES = frozenset(("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"))
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
_HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
_SMALL_BLOCK_CHARS = 600


def content_root(root: etree._Element) -> etree._Element:
    """The page's <article> (the one with the headline when teaser cards are <article>s too), else
    its <main> or role=main, else its <body>, else the whole page."""
    for finder in (lambda: _main_article(root), lambda: next(root.iter("main"), None),
                   lambda: next((e for e in root.iter() if e.get("role") == "main"), None),
                   lambda: next(root.iter("body"), None)):
        found = finder()
        if found is not None:
            return found
    return root


def _main_article(root: etree._Element) -> etree._Element | None:
    articles = list(root.iter("article"))
    if len(articles) > 1:
        return next((a for a in articles if next(a.iter("h1"), None) is not None), articles[0])
    return articles[0] if articles else None


def strip_furniture(root: etree._Element) -> None:
    """Remove page furniture below `root` in place; the text after a removed element stays."""
    keep = {parent for h1 in root.iter("h1") for parent in h1.iterancestors()}
    doomed = []
    stack = list(root)
    while stack:
        element = stack.pop()
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if element not in keep and _is_furniture(element, tag):
            doomed.append(element)
        else:
            stack.extend(element)
    for element in doomed:
        remove(element)
    for heading in [h for h in root.iter(*_HEADINGS)]:
        if heading.getparent() is not None and _RELATED_HEADING.match(clean_line(_text(heading))):
            _drop_section(heading)


def _is_furniture(element: etree._Element, tag: str) -> bool:
    if tag in _DROP_TAGS:
        return True
    attrs = element.attrib
    if not attrs:
        return False
    return (
        attrs.get("role") in _DROP_ROLES
        or attrs.get("aria-hidden") == "true"
        or "hidden" in attrs
        or _furniture_name(attrs.get("class"), attrs.get("id"))
    )


@lru_cache(maxsize=4096)
def _furniture_name(classes: str | None, ident: str | None) -> bool:
    names = (classes or "").split()
    if ident:
        names.append(ident)
    return any(_DROP_CLASS.search(name) for name in names)


def remove(element: etree._Element) -> None:
    """Take an element out of the tree, keeping the text that follows it (lxml's `tail`)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _text(element: etree._Element) -> str:
    return " ".join(element.itertext())


def _drop_section(heading: etree._Element) -> None:
    """Remove a "related news" block: its wrapper when the wrapper holds little else, otherwise the
    heading and what follows it up to the next heading of the same or a higher level."""
    wrapper = heading.getparent()
    own = len(clean_line(_text(heading)))
    if wrapper.tag in ("section", "div") and len(clean_line(_text(wrapper))) - own < _SMALL_BLOCK_CHARS:
        if wrapper.getparent() is not None:
            remove(wrapper)
            return
    level = int(heading.tag[1])
    for sibling in list(heading.itersiblings()):
        if isinstance(sibling.tag, str) and sibling.tag in _HEADINGS and int(sibling.tag[1]) <= level:
            break
        remove(sibling)
    remove(heading)
