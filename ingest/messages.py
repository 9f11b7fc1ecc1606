"""Messages a person reads, in plain Danish, where several modules say the same thing.

Each wording has one home here; the modules that raise an error import it."""

from __future__ import annotations

EMPTY_FILE = "filen er tom"
NO_READABLE_TEXT = "filen indeholder ingen læsbar tekst"


def cannot_read(what: str, why: object) -> str:
    """ "filen kan ikke læses (Permission denied)"."""
    return f"{what} kan ikke læses ({why})"


def corpus_missing(corpus_dir: object) -> str:
    return f"korpusmappen findes ikke: {corpus_dir}"


def unknown_keys(unknown, allowed) -> str:
    """ "ukendt nøgle: farve (tilladt er: title, type)"."""
    return f"ukendt nøgle: {', '.join(unknown)} (tilladt er: {', '.join(allowed)})"
