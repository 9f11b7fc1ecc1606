"""The Whoosh schema: one Whoosh document per klimaviden Document, and how a Document fills it."""

from __future__ import annotations

import json
from dataclasses import dataclass

from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer

from index.analysis import ANALYZER_FINGERPRINT, Words, exact_analyzer, stemmed_analyzer, weighted
from index.fields import EXACT, STEMMED
from index.position_format import PositionArray
from ingest.normalize import slugify

SCHEMA_VERSION = 7  # 3: table-of-contents pages weigh less (TOC_BOOST), passages carry page fields; 4: presenter and date_precision fields;
# 5: presenter_organization (the organisations the presenters speak for: their documents rank first for the name)
# 6: text and exact are AnalysedText fields (same terms; an index of plain TEXT fields cannot take pre-analysed values);
# path, checksum, deps, size and mtime_ns are columns only, without terms;
# 7: every segment has a postings file of text and exact (index/postings_file.py), read by numpy;
# exact stores positions as arrays (index/position_format.py)
# Both numbers are written into each index generation; a mismatch makes the next reindex a full one.
FORMAT = f"schema-{SCHEMA_VERSION}.analyzer-{ANALYZER_FINGERPRINT}"

TITLE_BOOST = 3.0
HEADINGS_BOOST = 2.0
TOC_BOOST = 0.3  # a word only in a table of contents (its dotted lines repeat titles) weighs less
FACET_FIELDS = ("topic", "theme", "type", "year", "organization", "presenter")
_VALUE_SEP = "\n"
LABEL_SEP = "\t"  # theme_label values are "slug<TAB>display text"


class ValuesTokenizer(Tokenizer):
    """Each line of the value is one token, unchanged: exact facet values such as "Dansk Industri"."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, text in enumerate(v.strip() for v in value.split(_VALUE_SEP)):
            if not text:
                continue
            token.text = text
            token.stopped = False
            token.boost = 1.0
            if positions:
                token.pos = start_pos + pos
            yield token


@dataclass(frozen=True)
class Postings:
    """A text field's value analysed already: the (term bytes, frequency, weight, value bytes) of
    each of its terms, as the field's index() gives them for the text."""

    items: tuple


class AnalysedText(fields.TEXT):
    """A TEXT field that also takes its value analysed already, as a Postings made by analyse()
    (in a parser process, so the single index writer only adds it): the same postings as the text."""

    def __init__(self, *args, format: formats.Format | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if format is not None:  # in place of the format TEXT picks (Positions or Frequency)
            self.format = format

    def index(self, value, **kwargs):
        if isinstance(value, Postings):
            return value.items
        return super().index(value, **kwargs)

    def analyse(self, value: str | Words) -> Postings:
        """The postings of a text in this field, computed now; the text may be given as its Words
        (read once for several fields)."""
        items = self.format.word_values(value, self.analyzer, mode="index")
        return Postings(tuple((text.encode("utf-8"), freq, weight, vbytes) for text, freq, weight, vbytes in items))


def _values_field():
    field = fields.KEYWORD(stored=False, scorable=False)
    field.analyzer = ValuesTokenizer()
    return field


def _column_only(field):
    """A sortable field kept only as its per-document column, without terms: nothing searches it,
    and its terms (one to six per document, nearly all unique) cost the writer a posting list each."""
    field.indexed = False
    return field


def build_schema() -> fields.Schema:
    stemmed = stemmed_analyzer()
    exact = exact_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        # what the index remembers of each file, read from columns only (index.writer.indexed_files)
        path=_column_only(fields.ID(stored=False, sortable=True)),
        checksum=_column_only(fields.ID(stored=False, sortable=True)),
        deps=_column_only(fields.ID(stored=False, sortable=True)),
        size=_column_only(fields.NUMERIC(int, bits=64, signed=False, sortable=True)),
        mtime_ns=_column_only(fields.NUMERIC(int, bits=64, signed=False, sortable=True)),
        # one stemmed and one exact field; title and headings weigh more through token boosts,
        # so a word is one term to look up (fast top-k scoring), not one per field
        text=AnalysedText(analyzer=stemmed, phrase=False),
        exact=AnalysedText(analyzer=exact, phrase=True, format=PositionArray()),
        topic=_values_field(),
        theme=_values_field(),
        type=_values_field(),
        year=_values_field(),
        organization=_values_field(),
        presenter=_values_field(),
        presenter_organization=_values_field(),
        date_precision=_values_field(),
        meeting=_values_field(),
        theme_label=_values_field(),
        passages=fields.NUMERIC(int, bits=32, signed=False, sortable=True, default=0),
        day=fields.NUMERIC(int, bits=32, signed=False, sortable=True, default=0),
        doc=fields.STORED(),
    )


def _values(items) -> str:
    return _VALUE_SEP.join(str(i).replace(_VALUE_SEP, " ") for i in items if i)


# the fields whose value is the document's analysed text (see document_values)
ANALYSED_FIELDS = (STEMMED, EXACT)


def file_values(mtime_ns: int, deps: str = "") -> dict:
    """The fields that say what the file was like when it was read: mtime_ns and deps (a stamp of
    the metadata files the document was built with) let the next reindex see that nothing changed
    without reading the file."""
    return {"mtime_ns": int(mtime_ns), "deps": deps}


def document_values(doc) -> dict:
    """The Whoosh fields of a Document (ingest.document.Document) but its file_values; text and
    exact (ANALYSED_FIELDS) as text, for index.prepare to analyse."""
    headings = "\n".join(p.heading for p in doc.passages if p.heading)
    body = "\n\n".join(p.text for p in doc.passages if not p.toc)
    contents = "\n\n".join(p.text for p in doc.passages if p.toc)
    text = weighted((doc.title or "", TITLE_BOOST), (headings, HEADINGS_BOOST), (body, 1.0), (contents, TOC_BOOST))
    return {
        "id": doc.id,
        "path": doc.path,
        "checksum": doc.checksum,
        "size": int(doc.size),
        "text": text,
        "exact": text,
        "topic": _values(doc.topic_slugs),
        "theme": _values(slugify(t) for t in doc.themes),
        "type": doc.type or "other",
        "year": str(doc.date.year) if doc.date else "",
        "organization": _values(doc.organizations),
        "presenter": _values(p.name for p in doc.presenters),
        "presenter_organization": _values(p.organization for p in doc.presenters),
        "date_precision": _date_precision(doc),
        "meeting": doc.meeting or "",
        "theme_label": _values(f"{slugify(t)}{LABEL_SEP}{t}" for t in doc.themes),
        "passages": len(doc.passages),
        "day": doc.date.toordinal() if doc.date else 0,
        "doc": json.dumps(doc.as_dict(), ensure_ascii=False, separators=(",", ":")),
    }


def _date_precision(doc) -> str:
    """The precision of the document's date: "month" for a month-only date ("marts 2022")."""
    precision = doc.meeting_date_precision if doc.meeting_date else doc.published_precision
    return precision or "day"
