"""Related documents ("more like this"): the documents that share a document's most telling terms."""

from __future__ import annotations

import json

from whoosh import query as wq

KEY_TERMS = 15
SAMPLE_CHARS = 20_000


def key_terms(searcher, doc: dict) -> list[tuple[str, float]]:
    text = "\n".join([doc.get("title") or ""] + [p["text"] for p in doc.get("passages", ())])
    return searcher.key_terms_from_text("text", text[:SAMPLE_CHARS], numterms=KEY_TERMS)


def related_docnums(searcher, docnum: int, limit: int = 5) -> list[int]:
    doc = json.loads(searcher.stored_fields(docnum)["doc"])
    terms = key_terms(searcher, doc)
    if not terms:
        return []
    top = max(weight for _, weight in terms) or 1.0
    query = wq.Or([wq.Term("text", term, boost=weight / top) for term, weight in terms])
    results = searcher.search(query, limit=limit, mask={docnum}, terms=False)
    return [hit.docnum for hit in results]
