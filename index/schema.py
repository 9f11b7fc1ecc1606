"""The Whoosh schema: one Whoosh document per klimaviden Document, and how a Document fills it."""

from __future__ import annotations

import json

from whoosh import fields
from whoosh.analysis import Token, Tokenizer

from index.analysis import ANALYZER_FINGERPRINT, exact_analyzer, stemmed_analyzer, weighted
from ingest.normalize import slugify

SCHEMA_VERSION = 5  # 3: table-of-contents pages weigh less (TOC_BOOST), passages carry page fields; 4: presenter and date_precision fields;
# 5: presenter_organization (the organisations the presenters speak for: their documents rank first for the name)
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


def _values_field():
    field = fields.KEYWORD(stored=False, scorable=False)
    field.analyzer = ValuesTokenizer()
    return field


def build_schema() -> fields.Schema:
    stemmed = stemmed_analyzer()
    exact = exact_analyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True, sortable=True),
        path=fields.ID(stored=False, sortable=True),
        checksum=fields.ID(stored=False, sortable=True),
        deps=fields.ID(stored=False, sortable=True),
        size=fields.NUMERIC(int, bits=64, signed=False, sortable=True),
        mtime_ns=fields.NUMERIC(int, bits=64, signed=False, sortable=True),
        # one stemmed and one exact field; title and headings weigh more through token boosts,
        # so a word is one term to look up (fast top-k scoring), not one per field
        text=fields.TEXT(analyzer=stemmed, phrase=False),
        exact=fields.TEXT(analyzer=exact, phrase=True),
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


def document_fields(doc, mtime_ns: int, deps: str = "") -> dict:
    """The Whoosh fields of a Document (ingest.document.Document).

    mtime_ns and deps (a stamp of the metadata files the document was built with) let the next
    reindex see that nothing changed without reading the file."""
    headings = "\n".join(p.heading for p in doc.passages if p.heading)
    body = "\n\n".join(p.text for p in doc.passages if not p.toc)
    contents = "\n\n".join(p.text for p in doc.passages if p.toc)
    text = weighted((doc.title or "", TITLE_BOOST), (headings, HEADINGS_BOOST), (body, 1.0), (contents, TOC_BOOST))
    return {
        "id": doc.id,
        "path": doc.path,
        "checksum": doc.checksum,
        "size": int(doc.size),
        "mtime_ns": int(mtime_ns),
        "deps": deps,
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
