"""One search over an open Whoosh searcher: documents as results, best passage, facets, paging.

Filters and facets use the reader's cached bitsets (index/facets.py); matching and ranking use
cached per-term postings (index/ranking.py). The user's words are turned into Whoosh query objects directly (no query
parser), so no user text is ever read as query syntax.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from index import bits
from index.analysis import exact_terms, stemmed_alternatives
from index.facets import ReaderFacets
from index.query import SearchRequest, UserQuery, parse_user_query
from index.ranking import Clause, Piece, TermIndex, match, scores_of, top
from index.snippets import highlighter
from index.suggest import suggest

STEMMED = "text"
EXACT = "exact"
PAGED_FORMATS = ("pdf", "pptx")


@dataclass(frozen=True)
class View:
    """One open state of the index: a Whoosh searcher and what is cached about it."""

    searcher: object
    facets: ReaderFacets
    terms: TermIndex


def clauses(user: UserQuery) -> list[Clause]:
    """The query's words and phrases as clauses of index terms (see index/ranking.py)."""
    found = []
    only_stop_words = not any(stemmed_alternatives(w) for w in user.words)
    for word in user.words:
        alternatives = stemmed_alternatives(word)
        if alternatives:
            pieces = tuple(Piece(tuple((STEMMED, v) for v in variants)) for variants in alternatives)
        elif only_stop_words:  # "for", "og": look for the words themselves in the exact text
            pieces = tuple(Piece(((EXACT, t),)) for t in exact_terms([word]))
        else:  # a stop word beside real words adds nothing
            continue
        if pieces:
            found.append(Clause(pieces))
    for words in user.phrases:
        terms = exact_terms(words)
        if terms:
            order = tuple(terms) if len(terms) > 1 else None
            found.append(Clause(tuple(Piece(((EXACT, t),)) for t in terms), order))
    return found


def needles(user: UserQuery) -> tuple[list[str], list[tuple[str, ...]]]:
    stems = [v for w in user.words for variants in stemmed_alternatives(w) for v in variants]
    if not stems:  # the query is stop words only
        stems = [t for w in user.words for t in exact_terms([w])]
    phrases = [tuple(exact_terms(p)) for p in user.phrases]
    return stems, phrases


def run_search(view: View, request: SearchRequest, theme_labels=None) -> dict:
    facets, terms = view.facets, view.terms
    user = parse_user_query(request.q)
    found = clauses(user)
    masks = facets.filter_masks(request)
    allowed = facets.live
    for mask in masks.values():
        allowed &= mask

    fallback = None
    strict = 0  # documents with every word, under the filters
    if found:
        matched = match(terms, found)
        strict = bits.count(matched & allowed)
        if not matched & allowed and len(found) > 1:
            either = match(terms, found, any_clause=True)
            if either & allowed:
                matched, fallback = either, "or"
    elif user.empty and request.q.strip() and not request.has_filters:
        matched = 0  # text with no words at all ("?!"): nothing to look for
    else:
        matched = facets.live
    hits = matched & allowed
    total = bits.count(hits)

    start = (request.page - 1) * request.per_page
    page_docs: list[tuple[int, float]] = []
    if hits and start < total:
        end = min(start + request.per_page, total)
        if not found or request.sort == "date":
            ordered = facets.newest_first(bits.to_docnums(hits))[start:end]
            scores = scores_of(terms, found, ordered) if found else {}
            page_docs = [(d, scores.get(d, 0.0)) for d in ordered]
        else:
            page_docs = top(terms, found, hits, end)[start:end]

    stems, phrases = needles(user)
    light = highlighter(stems, phrases)
    results = [_result(view.searcher, docnum, score, light) for docnum, score in page_docs]

    suggestion = None
    if user.words and (strict < 3):
        suggestion = suggest(view, request.q, user, allowed, strict)
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


def stored_document(searcher, docnum: int) -> dict:
    return json.loads(searcher.stored_fields(docnum)["doc"])


def brief(doc: dict) -> dict:
    return {"id": doc["id"], "title": doc["title"], "type": doc["type"], "date": doc["date"],
            "path": doc["path"], "presenters": list(doc.get("presenters") or ())}


def section_anchor(number: int) -> str:
    """The stable anchor of a section of an unpaged document (HTML, Word, Markdown, text)."""
    return f"afsnit-{number}"


def section_of(passage) -> dict:
    """Where a hit sits in an unpaged document: its section's number, heading and anchor."""
    return {"number": passage.number, "heading": passage.heading, "anchor": section_anchor(passage.number)}


def query_highlighter(q: str):
    """The highlighter for a user's query, for marking its words in a whole document."""
    stems, phrases = needles(parse_user_query(q or ""))
    return highlighter(stems, phrases)


def _result(searcher, docnum: int, score: float, light) -> dict:
    doc = stored_document(searcher, docnum)
    passages = doc.get("passages") or []
    best = None
    snippet = ""
    if passages:
        from ingest.document import Passage

        records = [Passage.from_dict(p) for p in passages]
        best, _ = light.best_passage(records)
        snippet = light.snippet(best.text)
    paged = doc.get("format") in PAGED_FORMATS
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
        "presenters": list(doc.get("presenters") or ()),
        "page": best.number if best is not None and paged else None,
        # the page number printed on that page ("iv", "75") when the PDF has one; "page" stays physical
        "page_label": best.page_label if best is not None and paged else None,
        "section": section_of(best) if best is not None and not paged else None,
        "meeting": doc.get("meeting"),
        "snippet": snippet,
        "score": round(float(score), 4),
    }
