"""Plain-text renderings for a terminal, in Danish: search results, document records, index figures,
the reindex summary and the server's greeting. JSON output keeps its English keys; only these
human renderings speak Danish."""

from __future__ import annotations

import html
import re

from webapp.formatting import type_label

_MARK = re.compile(r"</?mark>")


# The figures of `klimaviden stats`, in the order and words shown on a terminal.
STATS_LABELS = {
    "documents": "Dokumenter",
    "passages": "Tekstafsnit (sider, dias og afsnit)",
    "index_bytes": "Indeksets størrelse (byte)",
    "generation": "Indeksets generation",
    "last_reindex": "Sidste indeksering",
    "refused_run": "Afvist indeksering",
    "topics": "Dokumenter pr. DK2020-emne",
    "last_failures": "Filer, der ikke kunne læses ved sidste indeksering",
}


def snippet_text(snippet: str | None) -> str:
    """A highlighted HTML snippet as terminal text: matches between asterisks, entities decoded."""
    if not snippet:
        return ""
    return html.unescape(_MARK.sub("*", snippet))


def type_name(doc_type: str | None) -> str:
    """The Danish word for a document type, as the web pages name it, in running text."""
    return type_label(doc_type).lower()


def _where(hit: dict) -> str:
    """', side 3' / ', dias 2' / ', afsnit »Baggrund«' for a hit, '' when it has no place."""
    path = (hit.get("path") or "").lower()
    if hit.get("page"):
        noun = "dias" if path.endswith(".pptx") else "side"
        return f", {noun} {hit.get('page_label') or hit['page']}"
    section = hit.get("section") or {}
    if section.get("heading"):
        return f", afsnit »{section['heading']}«"
    return ""


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def format_results(result: dict) -> str:
    query = result["query"]
    about = f" for »{query}«" if query else ""
    lines = [f"{_count(result['total'], 'dokument', 'dokumenter')}{about} (side {result['page']})"]
    if result.get("fallback") == "or":
        lines.append("Ingen dokumenter indeholdt alle ord; viser dokumenter med mindst ét af dem.")
    if result.get("phrase_relaxed"):
        lines.append("Få dokumenter har frasen præcis; derefter vises dokumenter med ordene tæt på hinanden eller spredt.")
    if result.get("suggestion"):
        lines.append(f"Mente du: {result['suggestion']}?")
    for number, hit in enumerate(result["results"], start=(result["page"] - 1) * result.get("per_page", 10) + 1):
        where = _where(hit) if query else ""
        lines.append("")
        lines.append(f"{number}. {hit['title']}")
        lines.append(f"   {hit.get('date') or 'uden dato'} · {type_name(hit.get('type'))}{where} · {hit['path']}")
        if hit.get("presenters"):
            lines.append(f"   Oplæg ved {'; '.join(_presenter(p) for p in hit['presenters'])}")
        text = snippet_text(hit.get("snippet"))
        if text:
            lines.append(f"   {text}")
    return "\n".join(lines)


def _day(record: dict, key: str) -> str:
    """"2022-03-01 (kun måned)" for a month-only date, the ISO day otherwise, "-" without a date."""
    value = record.get(key)
    if not value:
        return "-"
    return f"{value} (kun måned)" if record.get(f"{key}_precision") == "month" else value


def _presenter(presenter: dict) -> str:
    """"Lone Vestergaard Holm, udviklingschef, Kalundborg Forsyning" from a presenter record."""
    return ", ".join(v for v in (presenter.get("name"), presenter.get("role"), presenter.get("organization")) if v)


def format_document(record: dict) -> str:
    lines = [
        record["title"],
        f"  id: {record['id']}  fil: {record['path']}  format: {record['format']}  type: {type_name(record['type'])}",
        f"  dato: {record.get('date') or '-'} (kilde: {record.get('date_source') or 'ingen'})"
        f"  udgivet: {_day(record, 'published')}  mødedato: {_day(record, 'meeting_date')}",
        f"  møde: {record.get('meeting') or '-'}",
        f"  mødetemaer: {', '.join(record.get('themes') or []) or '-'}",
        f"  organisationer: {', '.join(record.get('organizations') or []) or '-'}",
        f"  oplægsholdere: {'; '.join(_presenter(p) for p in record.get('presenters') or []) or '-'}",
        f"  steder: {', '.join(record.get('places') or []) or '-'}",
    ]
    for topic in record.get("topics") or []:
        lines.append(f"  emne {topic['slug']}: {', '.join(topic['terms'])}")
    lines.append(f"  tekstafsnit: {len(record.get('passages') or [])}")
    return "\n".join(lines)


def _value(value) -> str:
    return "-" if value is None else str(value)


def format_stats(figures: dict) -> str:
    lines = []
    for key, value in figures.items():
        if not isinstance(value, (dict, list)):
            lines.append(f"{STATS_LABELS.get(key, key)}: {_value(value)}")
    for key, value in figures.items():
        label = STATS_LABELS.get(key, key)
        if isinstance(value, dict):
            lines.append(f"{label}:")
            lines.extend(f"  {name}: {_value(count)}" for name, count in value.items())
        elif isinstance(value, list):
            lines.append(f"{label}: {len(value)}")
            lines.extend(f"  {item}" for item in value)
    return "\n".join(lines)


def format_reindex_summary(summary: dict) -> str:
    """One line for a finished reindex: what changed, what the index holds, how long it took."""
    seconds = f"{summary['seconds']:.1f}".replace(".", ",")
    return (
        f"{summary['added']} tilføjet, {summary['updated']} opdateret, {summary['deleted']} slettet, "
        f"{summary['unchanged']} uændret, {summary['skipped']} sprunget over, "
        f"{len(summary['failed'])} fejlet; {summary['documents']} dokumenter, "
        f"{summary['passages']} tekstafsnit på {seconds} s"
    )


def format_failure(failure: dict) -> str:
    return f"kunne ikke læses: {failure['path']}: {failure['error']}"


def error_line(message: str) -> str:
    return f"Fejl: {message}"


def serving_line(url: str) -> str:
    return f"Klimaviden kører på {url} (Ctrl-C stopper)"
