"""Where the corpus and the index live: command-line option, else environment variable, else default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CORPUS_ENV = "KLIMAVIDEN_CORPUS"
INDEX_ENV = "KLIMAVIDEN_INDEX"
DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path("var/index")
DATA_ENV, DEFAULT_DATA = "KLIMAVIDEN_DATA", Path("var/data")  # caches such as page images; never inside the index


@dataclass(frozen=True)
class Settings:
    corpus: Path
    index: Path


def resolve_settings(
    corpus: str | os.PathLike | None = None,
    index: str | os.PathLike | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    env = os.environ if environ is None else environ
    return Settings(
        corpus=Path(corpus or env.get(CORPUS_ENV) or DEFAULT_CORPUS),
        index=Path(index or env.get(INDEX_ENV) or DEFAULT_INDEX),
    )
