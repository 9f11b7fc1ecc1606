"""The command-line contract that cron jobs and coordinators rely on."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from klimaviden.cli import main

REPO = Path(__file__).resolve().parents[2]
COMMANDS = sorted(main.commands)


@pytest.fixture
def runner():
    return CliRunner()


def test_the_commands_exist():
    assert set(COMMANDS) == {"reindex", "search", "show", "stats", "serve", "users", "audit", "trash"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Eksempel: klimaviden " + command in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^#+ .*`klimaviden {command}", readme, re.MULTILINE), command


@pytest.mark.parametrize("command", ["reindex", "search", "stats", "serve"])
@pytest.mark.parametrize("option", ["--corpus", "--index", "--verbose", "--quiet"])
def test_commands_take_the_shared_options(runner, command, option):
    assert option in runner.invoke(main, [command, "--help"]).output


def test_unknown_option_exits_2_with_a_message(runner):
    result = runner.invoke(main, ["reindex", "--no-such-option"])
    assert result.exit_code == 2
    assert "ukendt tilvalg: --no-such-option" in result.output


def test_missing_corpus_folder_exits_2_naming_it(runner, tmp_path):
    missing = tmp_path / "nowhere"
    result = runner.invoke(main, ["reindex", "--corpus", str(missing), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 2
    assert f"korpusmappen findes ikke: {missing}" in result.output  # reindex's own message


def test_a_missing_corpus_folder_is_named_in_danish_by_search(runner, tmp_path):
    missing = tmp_path / "nowhere"
    result = runner.invoke(main, ["search", "x", "--corpus", str(missing), "--index", str(tmp_path / "ix")])
    assert result.exit_code == 2
    assert result.output == f"Fejl: korpusmappen findes ikke: {missing}\n"


def test_environment_variable_names_the_corpus(runner, tmp_path):
    missing = tmp_path / "from-env"
    result = runner.invoke(main, ["stats"], env={"KLIMAVIDEN_CORPUS": str(missing)})
    assert result.exit_code == 2
    assert str(missing) in result.output


def test_option_beats_environment_variable(runner, tmp_path, sample_corpus):
    result = runner.invoke(
        main,
        ["reindex", "--dry-run", "--json", "--corpus", str(sample_corpus), "--index", str(tmp_path / "ix")],
        env={"KLIMAVIDEN_CORPUS": str(tmp_path / "from-env")},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] > 0


def test_search_without_an_index_says_to_reindex(runner, tmp_path, sample_corpus):
    result = runner.invoke(main, ["search", "skybrud", "--corpus", str(sample_corpus), "--index", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "klimaviden reindex" in result.output
