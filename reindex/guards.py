"""Guards against an operator's mistake: a corpus that looks empty, unmounted or unreadable must not
empty the index. Pure rules; the run step asks them before it writes anything."""

from __future__ import annotations

from dataclasses import dataclass


class MassDeleteRefused(Exception):
    """The run would remove more than half of the indexed documents; nothing was touched."""

    def __init__(self, indexed: int, remaining: int):
        self.indexed = indexed
        self.remaining = remaining
        super().__init__(
            f"Indekseringen er afvist: den ville fjerne {indexed - remaining} af {indexed} "
            f"dokumenter fra søgningen (kun {remaining} er tilbage i korpusmappen). Er mappen tom, "
            "ikke monteret eller ulæselig? Indekset er uændret. Er sletningen tilsigtet, så kør "
            "igen med --allow-mass-delete."
        )

    def as_dict(self) -> dict:
        return {"error": str(self), "indexed": self.indexed, "remaining": self.remaining}


@dataclass(frozen=True)
class MassDeleteGuard:
    allow: bool = False

    def check(self, indexed: int, remaining: int) -> None:
        """Raise MassDeleteRefused when fewer than half of `indexed` documents would remain (all
        gone counts too), unless the operator allowed it."""
        if self.allow or indexed == 0:
            return
        if remaining <= 0 or remaining * 2 < indexed:
            raise MassDeleteRefused(indexed, max(remaining, 0))
