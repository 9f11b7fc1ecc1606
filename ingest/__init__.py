"""Turns the network's files (HTML, TXT, MD, PDF, PPTX, DOCX) into Document records. Never touches the index."""

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
