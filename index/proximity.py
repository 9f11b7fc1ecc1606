"""Where a phrase's words stand: in this order, next to each other or with a few words between.

Pure rules over word positions (docnum -> the positions of one word); index/ranking.py reads the
positions and calls these one word of the phrase at a time, left to right.

A state is where a document's match so far ends: the position of the last word matched and,
when other words may stand between (`slop`), how many such words were passed over already.
"""

from __future__ import annotations

NEAR_SLOP = 3  # at most this many other words between a relaxed phrase's words, in all


def start(places: dict[int, frozenset]) -> dict[int, frozenset]:
    """The states after the phrase's first word: one per place it stands."""
    return {docnum: frozenset((p, 0) for p in spots) for docnum, spots in places.items()}


def advance(states: dict[int, frozenset], places: dict[int, frozenset], slop: int = 0) -> dict[int, frozenset]:
    """The states after the next word, which stands at `places`: right after the last word, or
    up to `slop` words later in all. Documents where it cannot follow drop out.

    >>> advance({7: frozenset({(4, 0)})}, {7: frozenset({6})}, slop=3)
    {7: frozenset({(6, 1)})}
    >>> advance({7: frozenset({(4, 0)})}, {7: frozenset({6})})
    {}
    """
    found = {}
    for docnum, spots in places.items():
        before = states.get(docnum)
        if not before:
            continue
        kept = frozenset(
            (at, used + at - last - 1)
            for last, used in before
            for at in range(last + 1, last + 2 + slop - used)
            if at in spots
        )
        if kept:
            found[docnum] = kept
    return found


def fewest_between(states: dict[int, frozenset]) -> dict[int, int]:
    """Per document, the fewest other words between the phrase's words where they stand.

    >>> fewest_between({7: frozenset({(6, 1), (9, 0)})})
    {7: 0}
    """
    return {docnum: min(used for _, used in spots) for docnum, spots in states.items()}
