"""Click's English wording in Danish: a message matched against (pattern, Danish template) pairs."""

from __future__ import annotations

import re


def reword(message: str, table: tuple[tuple[re.Pattern, str], ...]) -> str | None:
    """The Danish template of the first pattern that matches the whole message, filled with the
    pattern's named groups (names, values, choices kept as click wrote them); None if none does."""
    for pattern, danish in table:
        found = pattern.match(message)
        if found:
            return danish.format(**found.groupdict())
    return None
