"""Plain Whoosh with its StandardAnalyzer, no facets and no snippets: what klimaviden's layer costs.

The same index also carries the facet fields, so the old way of counting facets -- Whoosh's
`groupedby` with a FieldFacet per field -- can be timed on exactly these documents.
"""

from __future__ import annotations

import shutil
import time
from datetime import datetime, time as dtime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, TEXT, Schema
from whoosh.qparser import QueryParser

from bench.queries import QuerySpec

FACET_FIELDS = ("topic", "theme", "type", "year", "organization")


def schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(stored=True, analyzer=StandardAnalyzer()),
        body=TEXT(analyzer=StandardAnalyzer()),
        type=ID(sortable=True),
        year=NUMERIC(sortable=True),
        date=DATETIME,
        topic=KEYWORD(commas=True),
        theme=KEYWORD(commas=True),
        organization=KEYWORD(commas=True),
    )


def build(docs, folder: Path) -> dict:
    target = folder / "whoosh"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(target, schema())
    writer = ix.writer(limitmb=256)
    for d in docs:
        fields = {"id": d.id, "title": d.title, "body": d.text, "type": d.type,
                  "topic": ",".join(d.topics), "theme": ",".join(d.themes),
                  "organization": ",".join(d.organizations)}
        if d.date:
            fields["date"] = datetime.combine(d.date, dtime())
            fields["year"] = d.year
        writer.add_document(**fields)
    writer.commit()
    size = sum(p.stat().st_size for p in target.iterdir())
    return {"seconds": time.perf_counter() - started, "bytes": size}


class WhooshRawEngine:
    name = "whoosh_raw"

    def __init__(self, folder: Path):
        self.ix = whoosh_index.open_dir(folder / "whoosh")
        self.searcher = self.ix.searcher()
        self.parser = QueryParser("body", self.ix.schema)

    def query(self, spec: QuerySpec):
        main = self.parser.parse(spec.q) if spec.words else wq.Every()
        filters = []
        if spec.topic:
            filters.append(wq.Term("topic", spec.topic))
        if spec.doc_type:
            filters.append(wq.Term("type", spec.doc_type))
        if spec.date_from or spec.date_to:
            start = datetime.combine(spec.date_from, dtime()) if spec.date_from else None
            end = datetime.combine(spec.date_to, dtime.max) if spec.date_to else None
            filters.append(wq.DateRange("date", start, end))
        return main, (wq.And(filters) if filters else None)

    def search(self, spec: QuerySpec) -> int:
        main, filt = self.query(spec)
        results = self.searcher.search(main, filter=filt, limit=10)
        titles = [hit["title"] for hit in results]
        assert len(titles) <= 10
        return len(results)

    def search_grouped(self, spec: QuerySpec) -> int:
        """The same query with all five facets counted by Whoosh's own `groupedby`."""
        main, filt = self.query(spec)
        facets = {name: sorting.FieldFacet(name, allow_overlap=name in ("topic", "theme", "organization"))
                  for name in FACET_FIELDS}
        results = self.searcher.search(main, filter=filt, limit=10, groupedby=facets)
        counts = {name: {k: len(v) for k, v in results.groups(name).items()} for name in FACET_FIELDS}
        assert counts
        return len(results)

    def close(self) -> None:
        self.searcher.close()
