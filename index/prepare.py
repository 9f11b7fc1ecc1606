"""A Document made ready for the index writer: its Whoosh field values, the text analysed already.

Analysis (Danish words, stems, compound parts, positions) took about a third of a full build's
writer CPU when the writer did it. A full build prepares each document in the parser process that
extracted it, so the parser processes analyse in parallel and the single writer process only adds
postings; a Document that reaches the writer without a parser (carried over from the live index)
is prepared there, by the same function. The document's text is read once for both analysed
fields (text and exact).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from index.analysis import Words
from index.schema import ANALYSED_FIELDS, build_schema, document_values, file_values


@dataclass(frozen=True)
class PreparedDocument:
    """The Whoosh field values of a Document, analysed (see prepare), and what the run reports of it."""

    values: dict
    ocr_pages: int = 0

    def fields(self, mtime_ns: int, deps: str = "") -> dict:
        """The fields to add, with those of the file as it was read (schema.file_values)."""
        return {**self.values, **file_values(mtime_ns, deps)}


@lru_cache(maxsize=1)
def _schema():
    return build_schema()


def prepare(doc) -> PreparedDocument:
    """The field values of a Document (ingest.document.Document) with text and exact analysed."""
    values = document_values(doc)
    schema = _schema()
    words: dict[str, Words] = {}
    for name in ANALYSED_FIELDS:
        text = values[name]
        if text not in words:
            words[text] = Words(text)
        values[name] = schema[name].analyse(words[text])
    return PreparedDocument(values, doc.ocr_pages)
