"""Where the corpus, the index and the data folder live, and whether scanned pages are read (OCR):
command-line option, else environment variable, else default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

CORPUS_ENV = "KLIMAVIDEN_CORPUS"
INDEX_ENV = "KLIMAVIDEN_INDEX"
DATA_ENV = "KLIMAVIDEN_DATA"  # OCR cache, accounts, sessions, audit trail (survives reindexing)
OCR_ENV = "KLIMAVIDEN_OCR"
BASE_URL_ENV = "KLIMAVIDEN_BASE_URL"  # the web app's public address, for links in feeds and exports
DEFAULT_CORPUS = Path("corpus")
DEFAULT_INDEX = Path("var/index")
DEFAULT_DATA = Path("var/data")  # kept between index generations: the OCR cache
_OFF = {"0", "false", "no", "off", "nej"}


@dataclass(frozen=True)
class Settings:
    corpus: Path
    index: Path
    data: Path = DEFAULT_DATA
    ocr: bool = True
    base_url: str | None = None


def resolve_settings(
    corpus: str | os.PathLike | None = None,
    index: str | os.PathLike | None = None,
    environ: Mapping[str, str] | None = None,
    *,
    data: str | os.PathLike | None = None,
    ocr: bool | None = None,
) -> Settings:
    """``ocr=False`` is --no-ocr; ``None`` leaves it to KLIMAVIDEN_OCR (0/false/no/off turn it off)."""
    env = os.environ if environ is None else environ
    return Settings(
        corpus=Path(corpus or env.get(CORPUS_ENV) or DEFAULT_CORPUS),
        index=Path(index or env.get(INDEX_ENV) or DEFAULT_INDEX),
        data=Path(data or env.get(DATA_ENV) or DEFAULT_DATA),
        ocr=ocr_enabled(env) if ocr is None else ocr,
        base_url=env.get(BASE_URL_ENV) or None,
    )


def ocr_enabled(environ: Mapping[str, str]) -> bool:
    return environ.get(OCR_ENV, "").strip().lower() not in _OFF
