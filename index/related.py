"""Related documents ("more like this"): the documents that share a document's most telling terms.

A document's key terms are its stemmed terms weighted by frequency and rarity (tf x idf); other
documents are ranked by their BM25 match on those terms (index/ranking.py).
"""

from __future__ import annotations

import heapq
import json
import math
from collections import Counter

from index import bits
from index.analysis import stemmed_analyzer
from index.fields import DOC, STEMMED
from index.ranking import best, weighted_sum

KEY_TERMS = 12
SAMPLE_CHARS = 20_000
MAX_SHARE = 0.3  # terms in more than this share of the documents say nothing about a document
_ANALYZER = stemmed_analyzer()


def key_terms(view, doc: dict) -> list[tuple[str, float]]:
    text = "\n".join([doc.get("title") or ""] + [p["text"] for p in doc.get("passages", ())])
    # query mode: whole words only, so the web app never loads the compound vocabulary
    counts = Counter(t.text for t in _ANALYZER(text[:SAMPLE_CHARS], mode="query"))
    reader = view.searcher.reader()
    total = max(view.terms.count, 1)
    weighted = []
    for term, tf in counts.items():
        if len(term) < 3 or term.isdigit():
            continue
        df = reader.doc_frequency(STEMMED, term)
        if df < 2 or df > MAX_SHARE * total:
            continue
        weighted.append((term, (1 + math.log(tf)) * math.log(total / df)))
    return heapq.nlargest(KEY_TERMS, weighted, key=lambda item: (item[1], item[0]))


def related_docnums(view, docnum: int, limit: int = 5) -> list[int]:
    doc = json.loads(view.searcher.stored_fields(docnum)[DOC])
    terms = key_terms(view, doc)
    if not terms:
        return []
    union = 0
    weighted = []
    for term, weight in terms:
        data = view.terms.term(STEMMED, term)
        union |= data.mask
        weighted.append((data, weight))
    union &= ~(1 << docnum)
    docnums = bits.to_array(union)
    return [d for d, _ in best(weighted_sum(weighted, docnums), docnums, limit)]
