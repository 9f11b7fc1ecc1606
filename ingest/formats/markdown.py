"""Markdown notes (.md): one passage per heading section, the first heading is the title."""

from __future__ import annotations

import re

from ingest.dates import parse_iso_date
from ingest.encoding import read_text_file
from ingest.errors import IngestError
from ingest.extracted import Extracted, sections
from ingest.messages import NO_READABLE_TEXT
from ingest.normalize import clean_line

NAME = "markdown"
EXTENSIONS = (".md", ".markdown")
MIME_TYPES = ("text/markdown",)

_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> link text
    (re.compile(r"<[^>]+>"), ""),  # inline HTML
    (re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis, code
    (re.compile(r"^\s{0,3}>\s?"), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+"), "• "),  # list items
)


def extract(data: bytes, name: str) -> Extracted:
    text = read_text_file(data, name)
    front, body = _front_matter(text)
    blocks = _blocks(body)
    passages = sections(blocks)
    if not any(p.text or p.heading for p in passages) or not re.search(r"\w", body):
        raise IngestError(name, NO_READABLE_TEXT)
    headings = [content for kind, content in blocks if kind == "heading"]
    titles = [clean_line(front["title"])] if front.get("title") else []
    titles += headings[:1]
    published = parse_iso_date(front.get("date", ""))
    return Extracted(
        format=NAME,
        passages=passages,
        title_candidates=tuple(t for t in titles if t),
        dates=(("markdown-front-matter", published),) if published else (),
    )


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text + "\n")
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, text[match.end() :]


def _blocks(text: str) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        atx = _ATX.match(line)
        if atx:
            blocks.append(("heading", _inline(atx.group(2))))
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip() and _SETEXT.match(following) and not _SETEXT.match(line):
            blocks.append(("heading", _inline(line)))
            continue
        if _SETEXT.match(line) and index > 0 and lines[index - 1].strip():
            continue
        if re.match(r"^\s*(```|~~~|-{3,}|\*{3,})\s*$", line):
            continue
        blocks.append(("text", _inline(line)))
    return _join_paragraphs(blocks)


def _inline(line: str) -> str:
    for pattern, replacement in _INLINE:
        line = pattern.sub(replacement, line)
    return clean_line(line)


def _join_paragraphs(blocks: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Lines of one paragraph become one text block; list items stay separate lines."""
    joined: list[tuple[str, str]] = []
    previous_blank = True
    for kind, content in blocks:
        if kind == "text" and not content:
            previous_blank = True
            continue
        starts_item = content.startswith("• ")
        if kind == "text" and joined and joined[-1][0] == "text" and not previous_blank and not starts_item:
            joined[-1] = ("text", f"{joined[-1][1]} {content}")
        else:
            joined.append((kind, content))
        previous_blank = False
    return joined
