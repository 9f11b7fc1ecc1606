"""Plain text (.txt): invitations and notes in whatever encoding Windows wrote them."""

from __future__ import annotations

import re

from ingest.dates import find_dateline
from ingest.encoding import read_text_file
from ingest.errors import IngestError
from ingest.extracted import Extracted
from ingest.document import Passage
from ingest.messages import NO_READABLE_TEXT
from ingest.normalize import clean_line

NAME = "text"
EXTENSIONS = (".txt", ".text")
MIME_TYPES = ("text/plain",)
_MAX_TITLE = 160


def extract(data: bytes, name: str) -> Extracted:
    text = read_text_file(data, name)
    if not re.search(r"\w", text):
        raise IngestError(name, NO_READABLE_TEXT)
    return Extracted(
        format=NAME,
        passages=(Passage(1, text),),
        title_candidates=_title_candidates(text),
    )


def _title_candidates(text: str) -> tuple[str, ...]:
    """The first line that reads like a title (short, not a date, not an e-mail header field)."""
    for line in text.splitlines()[:12]:
        line = clean_line(line)
        if not line or len(line) > _MAX_TITLE or find_dateline(line):
            continue
        if re.match(r"^(fra|til|cc|sendt|dato|date|from|to|sent)\s*:", line, re.IGNORECASE):
            continue
        subject = re.match(r"^(emne|subject)\s*:\s*(.+)$", line, re.IGNORECASE)
        return (clean_line(subject.group(2)),) if subject else (line,)
    return ()
