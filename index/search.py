"""One search over an open Whoosh searcher: documents as results, best passage, facets, paging.

Filters and facets use the reader's cached bitsets (index/facets.py); matching and ranking use
cached per-term postings (index/ranking.py). The user's words become clauses of index terms
(index/compile.py) without any query parser, so no user text is ever read as query syntax.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ingest.document import Passage

from index import bits
from index.compile import Compiled, compile_query
from index.facets import ReaderFacets
from index.fields import DOC
from index.forms import WordForms
from index.query import SearchRequest, parse_user_query
from index.relax import Relaxed, relaxed_tiers, top_relaxed
from index.ranking import TermIndex, coordination_tiers, match, required, scores_of, top_in_tiers
from index.snippets import highlighter
from index.spelling import Speller
from index.synonyms import Synonyms
from index.suggest import SUGGEST_BELOW, correction, counted, worth_suggesting

PAGED_FORMATS = ("pdf", "pptx")
COORDINATION_FROM = 5  # words from which an OR fallback ranks by how many of them a document has


@dataclass(frozen=True)
class View:
    """One open state of the index: a Whoosh searcher and what is cached about it."""

    searcher: object
    facets: ReaderFacets
    terms: TermIndex
    speller: Speller
    forms: WordForms
    synonyms: Synonyms


@dataclass(frozen=True)
class Matched:
    """What a query matches before the filters, and how it came to match it."""

    compiled: Compiled  # the query searched: as typed, or its correction
    matched: int
    fallback: str | None = None  # "or": no document had every word
    corrected: str | None = None  # the corrected text searched instead of the text as typed
    suggestion: str | None = None  # a correction that would find many more documents
    relaxed: Relaxed = Relaxed()  # a query widened: phrase words close together or apart, compounds


def _match(view: View, request: SearchRequest, user, allowed: int) -> Matched:
    """AND of the words; if that finds nothing under the filters, the correction of misspelled
    words; if that finds nothing either, OR of the words as typed."""
    compiled = compile_query(user, view.forms, view.synonyms, view.facets.organization_keys)
    if not compiled.clauses:
        if user.empty and request.q.strip() and not request.has_filters:
            return Matched(compiled, 0)  # text with no words at all ("?!"): nothing to look for
        return Matched(compiled, view.facets.live)
    matched = match(view.terms, compiled.clauses)
    strict = bits.count(matched & allowed)  # documents with every word, under the filters
    fix = correction(view, request.q, user) if user.words and strict < SUGGEST_BELOW else None
    corrected = suggestion = None
    if fix is not None:
        fixed = counted(fix, allowed)
        if worth_suggesting(strict, fixed):
            suggestion = fix.text
        if not strict and fixed and fix.unknown and not request.as_typed:
            corrected, compiled, matched = fix.text, fix.compiled, fix.matched
    relaxed = relaxed_tiers(view.terms, compiled, matched, allowed, view.forms)
    for tier in relaxed.tiers:
        matched |= tier
    if (compiled.question or not matched & allowed) and len(required(compiled.clauses)) > 1:
        either = match(view.terms, compiled.clauses, any_clause=True)
        if either & allowed:
            # a question finds the documents with some of its words too, after those with all
            fallback = None if matched & allowed else "or"
            return Matched(compiled, either, fallback, corrected, suggestion, relaxed)
    return Matched(compiled, matched, None, corrected, suggestion, relaxed)


def _page(view: View, request: SearchRequest, found: Matched, hits: int, total: int):
    """(docnum, score) of the requested page of hits."""
    start = (request.page - 1) * request.per_page
    if not hits or start >= total:
        return []
    end = min(start + request.per_page, total)
    clauses = found.relaxed.clauses or found.compiled.clauses
    if not clauses or request.sort == "date":
        ordered = view.facets.newest_first(hits, start, end)
        scores = scores_of(view.terms, clauses, ordered) if clauses else {}
        return [(d, scores.get(d, 0.0)) for d in ordered]
    tiers = _tiers(view, found.compiled, hits, found.fallback, found.relaxed.tiers)
    if found.relaxed.tiers:
        return top_relaxed(view.terms, found.compiled, found.relaxed, tiers, end)[start:end]
    return top_in_tiers(view.terms, clauses, tiers, end)[start:end]


def run_search(view: View, request: SearchRequest, theme_labels=None) -> dict:
    facets = view.facets
    masks = facets.filter_masks(request)
    allowed = facets.live
    for mask in masks.values():
        allowed &= mask
    found = _match(view, request, parse_user_query(request.q), allowed)
    hits = found.matched & allowed
    total = bits.count(hits)
    light = _highlighters(found)
    results = [
        _result(view.searcher, docnum, score, light(docnum))
        for docnum, score in _page(view, request, found, hits, total)
    ]
    counts = facets.counts(found.matched, masks)
    labels = dict(theme_labels or {})
    return {
        "query": request.q,
        "total": total,
        "page": request.page,
        "per_page": request.per_page,
        "fallback": found.fallback,
        "results": results,
        "facets": counts,
        "theme_labels": {slug: labels.get(slug, slug) for slug in counts["theme"]},
        "suggestion": found.suggestion,
        "corrected_query": found.corrected,
        "expanded": list(found.compiled.expanded),
        "phrase_relaxed": found.relaxed.phrase,
    }


def _highlighters(found: Matched):
    """docnum -> its highlighter: the query's own where it matched as typed; in the documents a
    widened query found, the words of its relaxed phrases and widened compounds one by one."""
    compiled = found.compiled
    strict = highlighter(compiled.needles, compiled.phrases)
    if not found.relaxed.tiers:
        return lambda docnum: strict
    apart = highlighter(found.relaxed.needles, compiled.phrases)
    together = found.relaxed.tiers[0]
    return lambda docnum: strict if together >> docnum & 1 else apart


def _tiers(view: View, compiled: Compiled, hits: int, fallback: str | None, relaxed=()) -> list[int]:
    """The hits in ranking tiers: the documents an organisation the query names presented first,
    then those that name that organisation alone (its own reports and news), then the others that
    name it among other organisations; in the OR fallback of a long query or in a
    question, the documents with more of the words before those with fewer (which also bounds
    its cost: only the tiers that fill the page are scored). A short query's OR fallback is
    ranked by score alone, so a rare word outweighs two common ones. A widened query's tiers
    (index/relax.py: as typed, phrase words close together, anywhere, compounds widened) come
    before either of those orders."""
    named = own = alone = 0
    for name in compiled.organizations:
        named |= view.facets.value_mask("organization", name)
        own |= view.facets.value_mask("presenter_organization", name)
        alone |= _naming_alone(view, name)
    long_or = fallback == "or" and len(required(compiled.clauses)) >= COORDINATION_FROM
    by_coverage = long_or or compiled.question
    tiers = coordination_tiers(view.terms, compiled.clauses, hits) if by_coverage else [hits]
    if relaxed:
        rest = hits
        for tier in relaxed:
            rest &= ~tier
        tiers = [r & t for r in (*relaxed, rest) for t in tiers if r & t]
    if not named & hits:
        return tiers
    alone &= ~own
    groups = (own, alone, named & ~own & ~alone, ~named & ~own)
    return [t & group for group in groups for t in tiers]


def _naming_alone(view: View, name: str) -> int:
    """The documents that name the organisation and no other."""
    others = 0
    for other, mask in view.facets.values["organization"].items():
        if other != name:
            others |= mask
    return view.facets.value_mask("organization", name) & ~others


def stored_document(searcher, docnum: int) -> dict:
    return json.loads(searcher.stored_fields(docnum)[DOC])


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
    """The highlighter for a user's query, for marking its words in a whole document (phrases
    as written: the document page has no reader to ask for their inflected forms)."""
    compiled = compile_query(parse_user_query(q or ""))
    return highlighter(compiled.needles, compiled.phrases)


def _result(searcher, docnum: int, score: float, light) -> dict:
    doc = stored_document(searcher, docnum)
    passages = doc.get("passages") or []
    best, snippet = light.excerpt([Passage.from_dict(p) for p in passages])
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
