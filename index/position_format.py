"""How the exact field stores a posting's positions: an array of 32-bit numbers, not a pickle.

Whoosh's Positions format stores a posting's positions as a pickled list of their gaps; turning
millions of them back into numbers took the writer seconds per 5,000 documents when it wrote
each segment's postings file (index/postings_file.py). PositionArray stores the same positions
as Whoosh's count (4 bytes, big-endian, as Positions has it) followed by the positions as
little-endian uint32, so many values become one numpy array in a single join. Whoosh reads it
through the same methods as Positions (decode_positions, decode_frequency), so its own
matchers, merges and phrase queries work on it unchanged.
"""

from __future__ import annotations

import sys
from array import array

import numpy as np
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE, pack_uint

_ITEM = "I" if array("I").itemsize == 4 else "L"  # an unsigned 32-bit array item
_SWAP = sys.byteorder == "big"


class PositionArray(Positions):
    """Positions stored as a count, then the positions as little-endian uint32."""

    def encode(self, poslist):
        positions = array(_ITEM, poslist)
        if _SWAP:
            positions.byteswap()
        return pack_uint(len(positions)) + positions.tobytes()

    def decode_positions(self, valuestring):
        positions = array(_ITEM, valuestring[_INT_SIZE:])
        if _SWAP:
            positions.byteswap()
        return positions.tolist()

    @staticmethod
    def decode_many(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """(how many positions each value holds, all their positions in order), as int64 arrays.

        >>> [a.tolist() for a in PositionArray.decode_many([PositionArray().encode([3, 9]), PositionArray().encode([0])])]
        [[2, 1], [3, 9, 0]]
        """
        words = np.fromiter(map(len, values), dtype=np.int64, count=len(values)) // 4
        numbers = np.frombuffer(b"".join(values), dtype="<u4")
        counts = np.zeros(len(numbers), dtype=bool)  # each value's first number is its count
        counts[np.cumsum(words) - words] = True
        return words - 1, numbers[~counts].astype(np.int64)
