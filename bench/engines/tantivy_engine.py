"""tantivy (Rust, via the `tantivy` package) with a Danish Snowball stemmer: the fastest engine a user could pick.

Equivalent work per query: the parsed query with filters, a count, the first page with snippets from
the body, and terms aggregations over fast fields for the five facets.
"""

from __future__ import annotations

import shutil
import time
from datetime import datetime, time as dtime
from pathlib import Path

from bench.queries import QuerySpec

try:
    import tantivy
except ImportError:  # the bench extra is not installed: the baseline is skipped
    tantivy = None

ANALYZER = "da_stem"
FACETS = ("topic", "theme", "type", "year", "organization")


def available() -> bool:
    return tantivy is not None


def _register(index) -> None:
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                .filter(tantivy.Filter.remove_long(40))
                .filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.stemmer("danish"))
                .build())
    index.register_tokenizer(ANALYZER, analyzer)


def schema():
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("path", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name=ANALYZER)
    builder.add_text_field("body", stored=True, tokenizer_name=ANALYZER)
    for name in ("type", "topic", "theme", "organization"):
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    builder.add_integer_field("year", indexed=True, fast=True)
    builder.add_date_field("date", indexed=True, fast=True)
    return builder.build()


def build(docs, folder: Path) -> dict:
    target = folder / "tantivy"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    started = time.perf_counter()
    index = tantivy.Index(schema(), path=str(target))
    _register(index)
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for d in docs:
        doc = tantivy.Document(id=d.id, path=d.path, title=d.title, body=d.text, type=d.type,
                               topic=list(d.topics), theme=list(d.themes), organization=list(d.organizations))
        if d.date:
            doc.add_date("date", datetime.combine(d.date, dtime()))
            doc.add_integer("year", d.year)
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    return {"seconds": time.perf_counter() - started, "bytes": size}


class TantivyEngine:
    name = "tantivy"

    def __init__(self, folder: Path):
        self.index = tantivy.Index.open(str(folder / "tantivy"))
        _register(self.index)
        self.index.reload()
        self.schema = self.index.schema
        self.aggregations = {name: {"terms": {"field": name, "size": 100}} for name in FACETS}

    def query(self, spec: QuerySpec):
        Q, Occur = tantivy.Query, tantivy.Occur
        must = []
        if spec.words:
            must.append(self.index.parse_query(spec.q, ["title", "body"], conjunction_by_default=True))
        if spec.topic:
            must.append(Q.term_query(self.schema, "topic", spec.topic))
        if spec.doc_type:
            must.append(Q.term_query(self.schema, "type", spec.doc_type))
        if spec.date_from or spec.date_to:
            low = datetime.combine(spec.date_from or datetime.min.date(), dtime())
            high = datetime.combine(spec.date_to or datetime.max.date(), dtime.max)
            must.append(Q.range_query(self.schema, "date", tantivy.FieldType.Date, low, high))
        if not must:
            return Q.all_query()
        return must[0] if len(must) == 1 else Q.boolean_query([(Occur.Must, q) for q in must])

    def search(self, spec: QuerySpec) -> int:
        searcher = self.index.searcher()
        query = self.query(spec)
        if spec.words:
            result = searcher.search(query, limit=10, count=True)
        else:
            result = searcher.search(query, limit=10, count=True, order_by_field="date")
        snippets = tantivy.SnippetGenerator.create(searcher, query, self.schema, "body") if spec.words else None
        page = []
        for _score, address in result.hits:
            doc = searcher.doc(address)
            text = snippets.snippet_from_doc(doc).to_html() if snippets else doc["body"][0][:200]
            page.append((doc["id"][0], doc["title"][0], text))
        facets = searcher.aggregate(query, self.aggregations)
        assert facets is not None and len(page) <= 10
        return result.count

    def rank(self, spec: QuerySpec, limit: int = 10) -> list[str]:
        """The paths of the first `limit` documents for the words of `spec`, best BM25 first."""
        if not spec.words:
            return []
        searcher = self.index.searcher()
        result = searcher.search(self.query(spec), limit=limit)
        return [searcher.doc(address)["path"][0] for _score, address in result.hits]

    def close(self) -> None:
        pass
