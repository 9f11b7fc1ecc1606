"""The judged query set: `queries.toml` beside this module, read and checked against the corpus."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

JUDGEMENTS = Path(__file__).resolve().parent / "queries.toml"
KINDS = ("keywords", "inflections", "compounds", "ascii", "misspellings", "questions", "phrases",
         "acronyms", "organisations")


class JudgementError(ValueError):
    """The judgement file is malformed or names documents the corpus does not have."""


@dataclass(frozen=True)
class JudgedQuery:
    kind: str
    q: str                      # as a user types it; a text in double quotes is a phrase
    grades: dict[str, int]      # corpus-relative path -> 1 or 2 (unlisted: 0)


def load(path: Path = JUDGEMENTS, corpus: Path | None = None) -> list[JudgedQuery]:
    """The queries of `path`; with `corpus`, every graded path must exist in it."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise JudgementError(f"{path}: {exc}") from exc
    queries = []
    for number, entry in enumerate(data.get("query", []), 1):
        where = f"{path.name}, query {number}"
        kind, q, grades = entry.get("kind"), entry.get("q"), entry.get("grades")
        if kind not in KINDS:
            raise JudgementError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if not isinstance(q, str) or not q.strip():
            raise JudgementError(f"{where}: q must be a non-empty text")
        if not isinstance(grades, dict):
            raise JudgementError(f"{where} ({q!r}): needs a [query.grades] table")
        for doc, grade in grades.items():
            if grade not in (0, 1, 2):
                raise JudgementError(f"{where} ({q!r}): grade of {doc} must be 0, 1 or 2, not {grade!r}")
            if corpus is not None and not (corpus / doc).is_file():
                raise JudgementError(f"{where} ({q!r}): {doc} is not a file of {corpus}")
        if not any(grade > 0 for grade in grades.values()):
            raise JudgementError(f"{where} ({q!r}): grades must name at least one document graded 1 or 2")
        queries.append(JudgedQuery(kind, q, dict(grades)))
    if not queries:
        raise JudgementError(f"{path}: no [[query]] entries")
    return queries
