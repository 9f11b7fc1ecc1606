"""What a format module reads from one file, before metadata, dates and topics are decided."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ingest.document import Passage


@dataclass(frozen=True)
class Extracted:
    """The result of a format's ``extract(data, name)``.

    ``title_candidates`` are best first (a headline or a meaningful metadata title before a first
    line); ``dates`` are (source, date) pairs read from metadata, e.g. ("html-meta", 2021-04-22);
    ``hints`` are facts for type inference, e.g. "news-page", "slides"; ``authors`` is what the
    file's metadata names as author (often an organisation).
    """

    format: str
    passages: tuple[Passage, ...]
    title_candidates: tuple[str, ...] = ()
    dates: tuple[tuple[str, date], ...] = ()
    hints: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # the file's author metadata (PDF /Author, Office creator)

    @property
    def text(self) -> str:
        """All text in reading order, headings included, one block per passage."""
        blocks = []
        for passage in self.passages:
            if passage.heading and not passage.text.startswith(passage.heading):
                blocks.append(f"{passage.heading}\n{passage.text}".strip())
            else:
                blocks.append(passage.text)
        return "\n\n".join(b for b in blocks if b)


def sections(blocks: list[tuple[str, str]]) -> tuple[Passage, ...]:
    """Group ("heading"|"text", content) blocks into passages, one per heading section.

    Text before the first heading is a passage without a heading; empty sections are dropped;
    passages are numbered 1, 2, ... in reading order.
    """
    grouped: list[tuple[str | None, list[str]]] = []
    for kind, content in blocks:
        if not content:
            continue
        if kind == "heading":
            grouped.append((content, []))
        else:
            if not grouped:
                grouped.append((None, []))
            grouped[-1][1].append(content)
    passages = []
    for heading, texts in grouped:
        if texts or heading:
            passages.append(Passage(len(passages) + 1, "\n".join(texts), heading))
    return tuple(passages)
