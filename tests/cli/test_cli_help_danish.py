"""Every help page a coordinator or operator opens (`klimaviden ... --help`) speaks Danish, click's own
headings and hints included; option names, command names and values stay as they are."""

from __future__ import annotations

import inspect
import re

import click
import pytest
from click.testing import CliRunner

from klimaviden.cli import main
from klimaviden.clickhelp import danish_extras


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group below `group`, as the words typed after `klimaviden`."""
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
    return paths


ALL_PATHS = [(), *command_paths(main)]


def _lookup(path: tuple[str, ...]) -> click.Command:
    command: click.Command = main
    for name in path:
        command = command.commands[name]
    return command


GROUP_PATHS = [path for path in ALL_PATHS if isinstance(_lookup(path), click.Group)]


# click's English wording: headings, its built-in option texts, the hints it adds to option help,
# its metavars for option types and the usage line's placeholders; our own English examples; and
# English words no Danish sentence has (an option name such as --from does not count).
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Positional arguments|Show this message|Show the version|default:|"
    r"\[required\]|env var:|Example:|\[OPTIONS\]|COMMAND \[ARGS\]|"
    r"\b(?:TEXT|INTEGER|DIRECTORY|FILENAME|PATH|BOOLEAN|FLOAT|RANGE|QUERY|NAME)\b|"
    r"(?<![-\w])(?:the|and|of|with|this|from|is|are|by)\b"
)


def english_in(text: str) -> list[str]:
    return [found.group(0) for found in ENGLISH.finditer(text)]


def help_of(path: tuple[str, ...], option: str = "--help") -> str:
    result = CliRunner().invoke(main, [*path, option], prog_name="klimaviden")
    assert result.exit_code == 0, result.output
    return result.output


def test_every_command_is_walked():
    assert ("users", "add") in ALL_PATHS and ("trash", "purge") in ALL_PATHS and ("audit",) in ALL_PATHS


@pytest.mark.parametrize("path", ALL_PATHS, ids=lambda path: " ".join(("klimaviden", *path)))
def test_no_help_page_has_english_left(path):
    page = help_of(path)
    assert english_in(page) == [], page
    assert page.startswith("Brug: " + " ".join(("klimaviden", *path)))
    assert "\nTilvalg:\n" in page
    assert "Vis denne hjælp og afslut." in page


@pytest.mark.parametrize("path", GROUP_PATHS, ids=lambda path: " ".join(("klimaviden", *path)))
def test_a_group_lists_its_commands_under_a_danish_heading(path):
    page = help_of(path)
    assert "\nKommandoer:\n" in page
    assert page.startswith("Brug: " + " ".join(("klimaviden", *path)) + " [TILVALG] KOMMANDO [ARGUMENTER]...")


@pytest.mark.parametrize("path", GROUP_PATHS, ids=lambda path: " ".join(("klimaviden", *path)))
def test_the_command_list_shows_each_commands_first_line_in_full(path):
    listed = help_of(path).split("\nKommandoer:\n", 1)[1].strip().splitlines()
    assert len(listed) == len(_lookup(path).commands)
    for line in listed:
        name, short = line.split(None, 1)
        first_line = inspect.cleandoc(_lookup((*path, name)).help).splitlines()[0]
        assert short == first_line


@pytest.mark.parametrize("path", GROUP_PATHS, ids=lambda path: " ".join(("klimaviden", *path)))
def test_a_group_without_a_command_shows_its_danish_help_not_an_error(path):
    result = CliRunner().invoke(main, list(path), prog_name="klimaviden")
    assert result.output.startswith("Brug: " + " ".join(("klimaviden", *path)))
    assert "Fejl" not in result.output
    assert english_in(result.output) == []


def test_the_short_option_gives_the_same_help():
    assert help_of(("users", "add"), "-h") == help_of(("users", "add"))


def test_clicks_hints_on_options_are_in_danish():
    search = help_of(("search",))
    assert re.search(r"--limit ANTAL\s+Antal resultater pr\. side \(1-100\)\.\s+\[standard: 10\]", search)
    assert "[standard: relevance]" in search  # the value itself stays
    assert re.search(r"--role \[coordinator\|admin\].*\[skal angives\]", help_of(("users", "add")), re.DOTALL)


def test_the_version_option_is_described_in_danish():
    assert "--version   Vis versionsnummeret og afslut." in help_of(())
    result = CliRunner().invoke(main, ["--version"], prog_name="klimaviden")
    assert result.exit_code == 0 and result.output.startswith("klimaviden, version ")


def test_the_extras_click_appends_are_reworded_and_others_kept():
    assert danish_extras("Sidenummer.  [default: 1]") == "Sidenummer.  [standard: 1]"
    assert danish_extras("[env var: KLIMAVIDEN_X; default: 3; required]") == (
        "[miljøvariabel: KLIMAVIDEN_X; standard: 3; skal angives]"
    )
    assert danish_extras("Antal.  [1<=x<=64]") == "Antal.  [1<=x<=64]"
    assert danish_extras("Mappe [miljøvariabel: KLIMAVIDEN_DATA; standard: ./var/data].") == (
        "Mappe [miljøvariabel: KLIMAVIDEN_DATA; standard: ./var/data]."
    )
