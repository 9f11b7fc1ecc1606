"""index/snippets.py: which passage a result shows and what its snippet marks. The fast path
(one scan per passage, a leading class of first letters in the pattern) must give what the plain
rules give: the best passage by distinct words then matches, every inflection and spelling marked."""

from __future__ import annotations

import random
import re

import pytest

from index.snippets import highlighter
from ingest.document import Passage

WORDS = ("skybrud", "regnvand", "kloak", "æble", "Aarhus", "ørred", "havn", "klimaet", "plan", "og", "i")


def _plain(needles, phrases=()):
    """The highlighter's pattern without its leading class of first letters: the reference."""
    light = highlighter(needles, phrases)
    pattern = light.pattern.pattern
    if pattern.startswith("(?=["):
        pattern = pattern[pattern.index("])(?:") + len("])(?:"):-1]
    return re.compile(pattern, re.IGNORECASE)


@pytest.mark.parametrize("needles, phrases", [
    (["skybrud", "regnvand"], ()),
    (["aeble", "oerred", "aarhus"], ()),  # folded needles: æble, ørred, Aarhus/Århus
    (["i", "og", "havn"], ()),  # short needles match at a word's start only
    (["kloak"], ((("klimaet", "klima"), ("plan",)),)),
])
def test_the_pattern_finds_exactly_what_it_finds_without_its_first_letter_class(needles, phrases):
    rng = random.Random(5)
    text = " ".join(rng.choice(WORDS + ("ÆBLE", "Århus", "ØRRED", "Klimaet  plan", "kloakken")) for _ in range(400))
    fast = highlighter(needles, phrases).pattern
    assert fast.pattern.startswith("(?=[")
    expected = [(m.span(), m.lastgroup) for m in _plain(needles, phrases).finditer(text)]
    assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == expected
    assert expected  # the text holds matches at all


def test_spelled_out_letters_and_capitals_are_still_marked():
    light = highlighter(["aeble", "oerred", "aarhus"])
    snippet = light.snippet("ÆBLE fra Århus og en ørred, aeble i Aarhus.")
    assert snippet.count("<mark>") == 5


def test_excerpt_is_the_best_passage_and_its_snippet():
    rng = random.Random(11)
    light = highlighter(["skybrud", "regnvand", "kloak"])
    for _ in range(200):
        passages = [
            Passage(n, " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 120))), toc=rng.random() < 0.2)
            for n in range(1, rng.randrange(2, 6))
        ]
        best, _ = light.best_passage(passages)
        assert light.excerpt(passages) == (best, light.snippet(best.text))


def test_a_passage_with_more_than_fifty_matches_is_marked_in_full():
    light = highlighter(["skybrud", "regnvand", "kloak"])
    late = "skybrud " * 60 + "regnvand i kloakken"  # all three words meet after the 50th match
    passages = [Passage(1, "skybrud og regn"), Passage(2, late)]
    best, snippet = light.excerpt(passages)
    assert best.number == 2 and snippet == light.snippet(late)
    assert "<mark>regnvand</mark>" in snippet and "<mark>kloakken</mark>" in snippet


def test_a_lone_passage_or_no_passage():
    light = highlighter(["skybrud"])
    only = Passage(1, "Intet om vejret her.")
    assert light.excerpt([only]) == (only, "Intet om vejret her.")
    assert light.excerpt([]) == (None, "")
    assert highlighter([]).excerpt([only]) == (only, "Intet om vejret her.")
