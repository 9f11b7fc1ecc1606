"""An Atom feed of a search, newest first, as a pure function of the search result."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from datetime import datetime, timezone

from webapp.formatting import parse_iso_date, type_label
from webapp.links import atom_id

ATOM_NS = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 does not allow, even escaped; document text from odd files may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> str:
    return _NOT_XML.sub("", "" if value is None else str(value))


def atom_timestamp(value: str | None, fallback: str) -> str:
    """An ISO date or datetime as an RFC 3339 timestamp (dates at midnight UTC)."""
    if value:
        if len(value) == 10 and parse_iso_date(value):
            return f"{value}T00:00:00Z"
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return fallback
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return fallback


def atom_feed(
    result: Mapping,
    *,
    title: str,
    feed_url: str,
    site_url: str,
    document_url: Callable[[str], str],
    topic_labels: Mapping[str, str],
    updated: str,
) -> str:
    """The feed as an XML string. `updated` is the fallback timestamp (RFC 3339)."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent, tag, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", {k: xml_text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = xml_text(text)
        return element

    results = list(result.get("results") or [])
    stamps = [atom_timestamp(r.get("date") or r.get("published"), updated) for r in results]
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {"xml:lang": "da"})
    sub(feed, "title", title)
    sub(feed, "id", atom_id(feed_url))
    sub(feed, "updated", max(stamps, default=updated))
    sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    author = sub(feed, "author")
    sub(author, "name", "Klimaviden")
    sub(feed, "generator", "Klimaviden")
    for item, stamp in zip(results, stamps):
        entry = sub(feed, "entry")
        url = document_url(item["id"])
        sub(entry, "title", item.get("title") or item.get("path") or item["id"])
        sub(entry, "id", atom_id(url))
        sub(entry, "link", rel="alternate", href=url, type="text/html")
        sub(entry, "updated", stamp)
        if item.get("published"):
            sub(entry, "published", atom_timestamp(item["published"], stamp))
        summary = item.get("snippet") or ""
        if summary:
            # The snippet is already escaped HTML with <mark>; as type="html" it is escaped once more.
            sub(entry, "summary", summary, type="html")
        sub(entry, "category", term=item.get("type") or "other", label=type_label(item.get("type")))
        for slug in item.get("topics") or ():
            sub(entry, "category", term=slug, label=topic_labels.get(slug, slug))
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"
