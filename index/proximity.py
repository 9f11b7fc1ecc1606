"""Where a phrase's words stand: in this order, next to each other or with a few words between.

Pure rules over word positions, as numpy arrays; index/ranking.py reads the positions and calls
these one word of the phrase at a time, left to right. A place is one key, docnum << 32 |
position, so "the next word stands right after" is a lookup of key + 1 in the next word's keys.

A state is where a document's match so far ends: the key of the last word matched and how many
other words were passed over already (`slop`: at most that many in all). Of the states that end
at the same place, only the one that passed over fewest words is kept: it allows everything the
others allow.
"""

from __future__ import annotations

import numpy as np

NEAR_SLOP = 3  # at most this many other words between a relaxed phrase's words, in all
_SHIFT = 32


def places(docnums: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The sorted, distinct keys of a word's places (docnum, position) in the documents.

    >>> places(np.array([7, 2, 7]), np.array([4, 9, 4])).tolist() == [2 << 32 | 9, 7 << 32 | 4]
    True
    """
    return _distinct(np.sort((np.asarray(docnums, dtype=np.int64) << _SHIFT) | np.asarray(positions, dtype=np.int64)))


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array (np.unique hashes first: ten times slower here)."""
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first]


def start(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The states after the phrase's first word: one per place it stands, none passed over."""
    return keys, np.zeros(len(keys), dtype=np.int64)


def documents(states: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """The docnums that have a state."""
    return _distinct(states[0] >> _SHIFT)


def advance(states: tuple[np.ndarray, np.ndarray], keys: np.ndarray, slop: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The states after the next word, which stands at `keys` (sorted): right after the last word,
    or up to `slop` words later in all. Documents where it cannot follow drop out.

    >>> here = places(np.array([7]), np.array([4]))
    >>> ends, passed = advance(start(here), places(np.array([7]), np.array([6])), slop=3)
    >>> (ends >> 32).tolist(), (ends & 0xFFFFFFFF).tolist(), passed.tolist()
    ([7], [6], [1])
    >>> len(advance(start(here), places(np.array([7]), np.array([6])))[0])
    0
    """
    last, passed = states
    found_keys, found_passed = [], []
    for skipped in range(slop + 1):
        can = passed <= slop - skipped
        wanted = last[can] + 1 + skipped
        where = np.searchsorted(keys, wanted)
        hit = where < len(keys)
        hit[hit] = keys[where[hit]] == wanted[hit]
        found_keys.append(wanted[hit])
        found_passed.append(passed[can][hit] + skipped)
    ends, passed = np.concatenate(found_keys), np.concatenate(found_passed)
    order = np.lexsort((passed, ends))
    ends, passed = ends[order], passed[order]
    first = np.ones(len(ends), dtype=bool)
    first[1:] = ends[1:] != ends[:-1]
    return ends[first], passed[first]


def fewest_between(states: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, the fewest other words between the phrase's words where they stand in each).

    >>> here = places(np.array([7, 7]), np.array([6, 9]))
    >>> [a.tolist() for a in fewest_between((here, np.array([1, 0])))]
    [[7], [0]]
    """
    ends, passed = states
    if not len(ends):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    docnums = ends >> _SHIFT
    firsts = np.flatnonzero(np.concatenate(([True], docnums[1:] != docnums[:-1])))
    return docnums[firsts], np.minimum.reduceat(passed, firsts)
