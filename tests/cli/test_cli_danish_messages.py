"""An officer or operator reads why something failed in Danish: the typical failures, through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from klimaviden.cli import main

REPO = Path(__file__).resolve().parents[2]


def encrypted_pdf() -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, "Fortrolig plan for klimatilpasning langs kysten ved Vejle Fjord")
    pdf.set_encryption(owner_password="ejer", user_password="hemmelig")
    return bytes(pdf.output())


@pytest.fixture
def corpus(tmp_path):
    corpus = tmp_path / "corpus"
    meeting = corpus / "2022-11-08-klimatilpasning"
    meeting.mkdir(parents=True)
    shutil.copy(REPO / "corpus" / "taxonomy.toml", corpus / "taxonomy.toml")
    (meeting / "noter.txt").write_text("Noter om skybrudssikring og grønne tage i Vejle.\n", encoding="utf-8")
    (meeting / "oplaeg.pdf").write_bytes(encrypted_pdf())
    (meeting / "noter.txt.meta.toml").write_text('published = "i går"\n', encoding="utf-8")
    return corpus


def reindex(corpus: Path, index: Path, *extra: str):
    return CliRunner().invoke(main, ["reindex", "--corpus", str(corpus), "--index", str(index), *extra])


def test_an_encrypted_pdf_and_an_invalid_sidecar_are_reported_in_danish(corpus, tmp_path):
    result = reindex(corpus, tmp_path / "ix", "--json")
    assert result.exit_code == 1, result.output
    errors = {f["path"]: f["error"] for f in json.loads(result.stdout)["failed"]}
    assert errors["2022-11-08-klimatilpasning/oplaeg.pdf"] == "PDF-filen er krypteret med en adgangskode"
    sidecar = errors["2022-11-08-klimatilpasning/noter.txt.meta.toml"]
    assert sidecar.startswith("sidecar-filen noter.txt.meta.toml er ugyldig: published skal være en dato som 2021-04-29, ikke 'i går'; ")

    human = reindex(corpus, tmp_path / "ix2")
    assert "PDF-filen er krypteret med en adgangskode" in human.stderr
    shown = CliRunner().invoke(main, ["show", str(corpus / "2022-11-08-klimatilpasning/oplaeg.pdf"), "--corpus", str(corpus)])
    assert shown.exit_code == 1 and "PDF-filen er krypteret" in shown.stderr


def test_a_taxonomy_syntax_error_is_reported_in_danish_with_its_line(corpus, tmp_path):
    text = (corpus / "taxonomy.toml").read_text(encoding="utf-8").replace('slug = "energi"', "slug = energi", 1)
    (corpus / "taxonomy.toml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("slug = energi") + 1
    result = reindex(corpus, tmp_path / "ix")
    assert result.exit_code == 2
    assert f"Fejl: {corpus / 'taxonomy.toml'}: ikke gyldig TOML (linje {line}, kolonne 8: " in result.stderr


@pytest.mark.parametrize("command", [["reindex"], ["search", "skybrud"], ["stats"], ["trash", "purge"]])
def test_a_missing_corpus_folder_is_reported_in_danish(command, tmp_path):
    missing = tmp_path / "nowhere"
    args = [*command, "--corpus", str(missing)]
    if command[0] != "trash":
        args += ["--index", str(tmp_path / "ix")]
    result = CliRunner().invoke(main, args, env={"KLIMAVIDEN_DATA": str(tmp_path / "data")})
    assert result.exit_code == 2
    assert f"Fejl: korpusmappen findes ikke: {missing}" in result.stderr


def test_clicks_own_usage_errors_are_in_danish():
    result = CliRunner().invoke(main, ["search", "--limt", "3", "skybrud"])
    assert result.exit_code == 2
    assert "Fejl: ukendt tilvalg: --limt (mente du --limit" in result.stderr
    assert "No such option" not in result.output and "Error:" not in result.output
    missing = CliRunner().invoke(main, ["show"])
    # the argument is named as the usage line above the error names it
    assert missing.exit_code == 2 and "Fejl: argumentet 'FIL' mangler" in missing.stderr
    assert missing.stderr.startswith("Brug: ") and "[TILVALG] FIL\n" in missing.stderr


@pytest.mark.parametrize("args, danish, english", [
    (["search", "x", "--limit", "abc"], "ugyldig værdi for '--limit': 'abc' er ikke et heltal", "valid integer"),
    (["search", "x", "--sort", "nyeste"], "'nyeste' er ikke en af 'relevance', 'date'", "is not one of"),
    (["reindex", "--workers", "0"], "0 ligger ikke i intervallet 1<=x<=64", "in the range"),
    (["show", "findes/ikke.pdf"], "'findes/ikke.pdf' findes ikke", "does not exist"),
])
def test_a_value_of_the_wrong_kind_is_refused_in_danish(args, danish, english):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert danish in result.stderr and english not in result.output
