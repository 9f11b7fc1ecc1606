"""Fixtures for the ingestion tests: a small corpus folder with a taxonomy and an entity list."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest_files import write_corpus

SEED_NEWS = """22. april 2021

Kommunernes klimapolitiske netværk stiller skarpt på klimasamarbejde med erhvervslivet

På det kommende netværksmøde den 29. april sættes der spot på kommunernes partnerskaber med erhvervslivet, sektorkoblinger og de syv nye regionale vækstteams, der skal komme med anbefalinger til regeringen.

Dialogen tager afsæt i oplæg fra Dansk Industri, der har offentliggjort en rapport om sektorkobling og partnerskaber. Derudover hører netværket en case fra Kalundborg Forsyningen om partnerskaber med lokale virksomheder. KL’s Center for Klima og Erhverv giver en national opdatering.

Næste gang netværket samles er den 2. september i forbindelse med Klimafolkemødet i Middelfart.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def seed_news() -> str:
    return SEED_NEWS
