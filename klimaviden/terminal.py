"""Plain-text renderings of search results, document records and index figures for a terminal."""

from __future__ import annotations

import html
import re

_MARK = re.compile(r"</?mark>")


def snippet_text(snippet: str | None) -> str:
    """A highlighted HTML snippet as terminal text: matches between asterisks, entities decoded."""
    if not snippet:
        return ""
    return html.unescape(_MARK.sub("*", snippet))


def format_results(result: dict) -> str:
    lines = [f"{result['total']} dokumenter for {result['query']!r} (side {result['page']})"]
    if result.get("fallback") == "or":
        lines.append("Ingen dokumenter indeholdt alle ord; viser dokumenter med mindst ét af dem.")
    if result.get("suggestion"):
        lines.append(f"Mente du: {result['suggestion']}?")
    for number, hit in enumerate(result["results"], start=(result["page"] - 1) * result.get("per_page", 10) + 1):
        where = f", side {hit['page']}" if hit.get("page") else ""
        lines.append("")
        lines.append(f"{number}. {hit['title']}")
        lines.append(f"   {hit.get('date') or 'uden dato'} · {hit['type']}{where} · {hit['path']}")
        if hit.get("presenters"):
            lines.append(f"   Oplæg ved {'; '.join(_presenter(p) for p in hit['presenters'])}")
        text = snippet_text(hit.get("snippet"))
        if text:
            lines.append(f"   {text}")
    return "\n".join(lines)


def _day(record: dict, key: str) -> str:
    """"2022-03-01 (month)" for a month-only date, the ISO day otherwise, "-" without a date."""
    value = record.get(key)
    if not value:
        return "-"
    return f"{value} (month)" if record.get(f"{key}_precision") == "month" else value


def _presenter(presenter: dict) -> str:
    """"Lone Vestergaard Holm, udviklingschef, Kalundborg Forsyning" from a presenter record."""
    return ", ".join(v for v in (presenter.get("name"), presenter.get("role"), presenter.get("organization")) if v)


def format_document(record: dict) -> str:
    lines = [
        record["title"],
        f"  id: {record['id']}  path: {record['path']}  format: {record['format']}  type: {record['type']}",
        f"  date: {record.get('date') or '-'} (from {record.get('date_source') or 'nowhere'})"
        f"  published: {_day(record, 'published')}  meeting date: {_day(record, 'meeting_date')}",
        f"  meeting: {record.get('meeting') or '-'}",
        f"  themes: {', '.join(record.get('themes') or []) or '-'}",
        f"  organisations: {', '.join(record.get('organizations') or []) or '-'}",
        f"  presenters: {'; '.join(_presenter(p) for p in record.get('presenters') or []) or '-'}",
        f"  places: {', '.join(record.get('places') or []) or '-'}",
    ]
    for topic in record.get("topics") or []:
        lines.append(f"  topic {topic['slug']}: {', '.join(topic['terms'])}")
    lines.append(f"  passages: {len(record.get('passages') or [])}")
    return "\n".join(lines)


def format_stats(figures: dict) -> str:
    lines = [f"{key}: {value}" for key, value in figures.items() if not isinstance(value, (dict, list))]
    for key, value in figures.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {name}: {count}" for name, count in value.items())
        elif isinstance(value, list):
            lines.append(f"{key}: {len(value)}")
            lines.extend(f"  {item}" for item in value)
    return "\n".join(lines)
