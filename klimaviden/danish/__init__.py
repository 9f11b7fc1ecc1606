"""Danish text analysis as pure functions: tokens, folding, stemming, stop words, compound parts.

Shared by ingestion (topic matching) and the index (the Whoosh analyzer wraps these functions),
so a word is understood the same way when it is tagged and when it is searched.
"""

from klimaviden.danish.analysis import (
    Token,
    analyze_terms,
    index_terms,
    normalize,
    query_alternatives,
    tokenize,
    word_parts,
    word_spans,
    words,
)
from klimaviden.danish.compounds import compound_parts
from klimaviden.danish.stems import (
    fold,
    is_question,
    is_question_frame_word,
    is_question_word,
    is_stopword,
    stem,
    term,
    term_variants,
)

__all__ = [
    "Token",
    "analyze_terms",
    "compound_parts",
    "fold",
    "index_terms",
    "is_question",
    "is_question_frame_word",
    "is_question_word",
    "normalize",
    "query_alternatives",
    "is_stopword",
    "stem",
    "term",
    "term_variants",
    "tokenize",
    "word_parts",
    "word_spans",
    "words",
]
