"""One search over an open Whoosh searcher: documents as results, best passage, facets, paging.

Filters and facets use the reader's cached bitsets (index/facets.py); Whoosh only matches and
scores the text. The user's words are turned into Whoosh query objects directly (no query
parser), so no user text is ever read as query syntax.
"""

from __future__ import annotations

import json

from whoosh import query as wq

from index import bits
from index.analysis import exact_terms, stemmed_alternatives
from index.facets import ReaderFacets
from index.query import SearchRequest, UserQuery, parse_user_query
from index.snippets import highlighter
from index.suggest import suggest

STEMMED = "text"
EXACT = "exact"
PAGED_FORMATS = ("pdf", "pptx")


def word_query(word: str) -> wq.Query | None:
    """All pieces of a word (hyphenated words have several), each in any stemmed field."""
    alternatives = stemmed_alternatives(word)
    if not alternatives:  # only stop words: look for the word itself in the exact text
        terms = exact_terms([word])
        if not terms:
            return None
        return _all([wq.Term(EXACT, t) for t in terms])
    return _all([_any([wq.Term(STEMMED, v) for v in variants]) for variants in alternatives])


def phrase_query(words) -> wq.Query | None:
    terms = exact_terms(words)
    if not terms:
        return None
    if len(terms) == 1:
        return wq.Term(EXACT, terms[0])
    return wq.Phrase(EXACT, terms)


def _all(queries):
    return queries[0] if len(queries) == 1 else wq.And(queries)


def _any(queries):
    return queries[0] if len(queries) == 1 else wq.Or(queries)


def clauses(user: UserQuery) -> list[wq.Query]:
    found = [word_query(w) for w in user.words] + [phrase_query(p) for p in user.phrases]
    return [q for q in found if q is not None]


def needles(user: UserQuery) -> tuple[list[str], list[tuple[str, ...]]]:
    stems = [v for w in user.words for variants in stemmed_alternatives(w) for v in variants]
    stems += [t for w in user.words if not stemmed_alternatives(w) for t in exact_terms([w])]
    phrases = [tuple(exact_terms(p)) for p in user.phrases]
    return stems, phrases


def matching(searcher, facets: ReaderFacets, query: wq.Query) -> int:
    return bits.from_docnums(searcher.docs_for_query(query), facets.size) & facets.live


def run_search(searcher, facets: ReaderFacets, request: SearchRequest, theme_labels=None) -> dict:
    user = parse_user_query(request.q)
    found = clauses(user)
    masks = facets.filter_masks(request)
    allowed = facets.live
    for mask in masks.values():
        allowed &= mask

    fallback = None
    text_query = None
    if found:
        text_query = _all(found)
        matched = matching(searcher, facets, text_query)
        if not matched & allowed and len(found) > 1:
            either = wq.Or(found)
            either_matched = matching(searcher, facets, either)
            if either_matched & allowed:
                text_query, matched, fallback = either, either_matched, "or"
    elif user.empty and request.q.strip() and not request.has_filters:
        matched = 0  # text with no words at all ("?!"): nothing to look for
    else:
        matched = facets.live
    hits = matched & allowed
    total = bits.count(hits)

    start = (request.page - 1) * request.per_page
    page_docs: list[tuple[int, float]] = []
    if hits and start < total:
        page_docs = _page(searcher, facets, request, text_query, hits, start, total, bool(masks))

    stems, phrases = needles(user)
    light = highlighter(stems, phrases)
    results = [_result(searcher, docnum, score, light) for docnum, score in page_docs]

    suggestion = None
    if user.words and total < 3:
        suggestion = suggest(searcher, facets, request.q, user, allowed, total)
    counts = facets.counts(matched, masks)
    labels = dict(theme_labels or {})
    return {
        "query": request.q,
        "total": total,
        "page": request.page,
        "per_page": request.per_page,
        "fallback": fallback,
        "results": results,
        "facets": counts,
        "theme_labels": {slug: labels.get(slug, slug) for slug in counts["theme"]},
        "suggestion": suggestion,
    }


def _page(searcher, facets, request, text_query, hits, start, total, filtered):
    end = min(start + request.per_page, total)
    if text_query is None or request.sort == "date":
        ordered = facets.newest_first(bits.to_docnums(hits))[start:end]
        if text_query is None:
            return [(d, 0.0) for d in ordered]
        scored = searcher.search(text_query, limit=None, filter=set(ordered))
        scores = {hit.docnum: hit.score for hit in scored}
        return [(d, round(scores.get(d, 0.0), 4)) for d in ordered]
    restrict = set(bits.to_docnums(hits)) if filtered else None
    results = searcher.search(text_query, limit=end, filter=restrict, terms=False)
    return [(hit.docnum, round(hit.score, 4)) for hit in results[start:end]]


def stored_document(searcher, docnum: int) -> dict:
    return json.loads(searcher.stored_fields(docnum)["doc"])


def brief(doc: dict) -> dict:
    return {"id": doc["id"], "title": doc["title"], "type": doc["type"], "date": doc["date"],
            "path": doc["path"]}


def _result(searcher, docnum: int, score: float, light) -> dict:
    doc = stored_document(searcher, docnum)
    passages = doc.get("passages") or []
    best = None
    snippet = ""
    if passages:
        from ingest.document import Passage

        records = [Passage(p["number"], p["text"], p.get("heading")) for p in passages]
        best, _ = light.best_passage(records)
        snippet = light.snippet(best.text)
    return {
        "id": doc["id"],
        "title": doc["title"],
        "path": doc["path"],
        "type": doc["type"],
        "date": doc["date"],
        "published": doc["published"],
        "meeting_date": doc["meeting_date"],
        "themes": list(doc["themes"]),
        "topics": [t["slug"] for t in doc["topics"]],
        "organizations": list(doc["organizations"]),
        "page": best.number if best is not None and doc.get("format") in PAGED_FORMATS else None,
        "snippet": snippet,
        "score": score,
    }
