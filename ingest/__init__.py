"""Turns the network's files (HTML, TXT, MD, PDF, PPTX, DOCX) into Document records. Never touches the index.

Where things are:
- ``pipeline``: scan a corpus, read files within limits, extract in worker processes (the I/O edge);
- ``registry`` and ``formats/<format>.py``: one pure ``extract(data, name) -> Extracted`` per format;
- ``builder``: the record from what was extracted plus metadata (precedence rules live there);
- ``dates``, ``themes``, ``topics``, ``entities``, ``classify``: what the text says, as pure functions;
- ``taxonomy``, ``meetings``, ``sidecar``: the corpus's TOML files, validated with clear errors.
"""

from ingest.document import Document, Passage, TopicMatch, document_id, normalize_relpath
from ingest.errors import IngestError, UnsupportedFormat

__all__ = [
    "Document",
    "Passage",
    "TopicMatch",
    "IngestError",
    "UnsupportedFormat",
    "document_id",
    "normalize_relpath",
]
