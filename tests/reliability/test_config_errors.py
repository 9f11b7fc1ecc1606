"""A broken configuration file stops reindex and show with exit 2, naming the file, the line and
what is wrong; a file Windows saved with a byte order mark is read as it is meant."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from klimaviden.cli import main
from reliability_helpers import REPO, copy_taxonomy, note, write_files


@pytest.fixture
def corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copy_taxonomy(corpus)
    write_files(corpus, {"noter/varme.txt": note("Notat om fjernvarme", "Fjernvarme i Kalundborg Forsyning.")})
    return corpus


def run(corpus, index, *args):
    return CliRunner().invoke(main, [*args, "--corpus", str(corpus), *(("--index", str(index)) if index else ())])


@pytest.mark.parametrize(
    "text, expected",
    [
        ('[[organization]]\nname = "KL"\n\n[[organization]]\nname = "DI"\nalias = ["Dansk Industri"]\n',
         "entities.toml, linje 4: organization nr. 2: ukendt nøgle: alias (tilladt er: name, aliases)"),
        ('[[organization]]\nname = "KL"\naliases = ["Kommunernes Landsforening"\n',
         "entities.toml: ikke gyldig TOML (linje 3"),
    ],
)
def test_an_invalid_entities_toml_exits_2_naming_file_line_and_problem(corpus, tmp_path, text, expected):
    (corpus / "entities.toml").write_text(text, encoding="utf-8")
    result = run(corpus, tmp_path / "ix", "reindex", "--json")
    assert result.exit_code == 2, result.output
    assert expected in result.stderr and "Traceback" not in result.output
    shown = CliRunner().invoke(main, ["show", str(corpus / "noter/varme.txt"), "--corpus", str(corpus)])
    assert shown.exit_code == 2 and expected in shown.stderr


def test_a_taxonomy_with_a_syntax_error_names_the_line_and_the_problem(corpus, tmp_path):
    text = (REPO / "corpus" / "taxonomy.toml").read_text(encoding="utf-8").replace('slug = "energi"', 'slug = energi', 1)
    (corpus / "taxonomy.toml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("slug = energi") + 1
    result = run(corpus, tmp_path / "ix", "reindex", "--json")
    assert result.exit_code == 2
    assert f"taxonomy.toml: ikke gyldig TOML (linje {line}, kolonne 8: invalid value)" in result.stderr


def test_configuration_files_with_a_byte_order_mark_are_read(corpus, tmp_path):
    for name in ("taxonomy.toml", "entities.toml"):
        path = corpus / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = run(corpus, tmp_path / "ix", "reindex", "--json")
    assert result.exit_code == 0, result.output
    found = run(corpus, tmp_path / "ix", "search", "fjernvarme", "--json")
    hit = json.loads(found.stdout)["results"][0]
    assert "energi" in hit["topics"] and "Kalundborg Forsyning" in hit["organizations"]


def test_an_invalid_topic_names_the_line_it_is_written_on(corpus, tmp_path):
    text = (REPO / "corpus" / "taxonomy.toml").read_text(encoding="utf-8").replace('slug = "affald"', 'slug = "skrald"', 1)
    (corpus / "taxonomy.toml").write_text(text, encoding="utf-8")
    lines = text.splitlines()
    header = max(n for n, line in enumerate(lines[: lines.index('slug = "skrald"')], start=1) if line == "[[topic]]")
    result = run(corpus, tmp_path / "ix", "reindex", "--json")
    assert result.exit_code == 2
    assert f"taxonomy.toml, linje {header}: emnet 'skrald': ukendt slug" in result.stderr
