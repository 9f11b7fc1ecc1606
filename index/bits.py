"""Sets of document numbers as Python ints used as bitsets: intersections and counts in microseconds."""

from __future__ import annotations

from collections.abc import Iterable

_BITS_OF_BYTE = tuple(tuple(j for j in range(8) if byte >> j & 1) for byte in range(256))


def from_docnums(docnums: Iterable[int], size: int) -> int:
    buffer = bytearray((size >> 3) + 1)
    for docnum in docnums:
        buffer[docnum >> 3] |= 1 << (docnum & 7)
    return int.from_bytes(buffer, "little")


def to_docnums(mask: int) -> list[int]:
    """The document numbers of a bitset, ascending."""
    out: list[int] = []
    data = mask.to_bytes((mask.bit_length() + 7) >> 3, "little")
    for index, byte in enumerate(data):
        if byte:
            base = index << 3
            out.extend(base + j for j in _BITS_OF_BYTE[byte])
    return out


def count(mask: int) -> int:
    return mask.bit_count()
