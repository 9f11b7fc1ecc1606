"""Click's own help text ("Usage:", "Options:", "[default: 10]", "Show this message and exit.") in
plain Danish.

Every command of ours is a DanishCommand or a DanishGroup: their contexts format help with
DanishHelpFormatter, and their help option and usage placeholders are worded in Danish. The help
texts we write ourselves are Danish at the source (klimaviden/cli.py, klimaviden/users.py)."""

from __future__ import annotations

import re

import click

from klimaviden.wording import reword

HELP_OPTION_TEXT = "Vis denne hjælp og afslut."
VERSION_OPTION_TEXT = "Vis versionsnummeret og afslut."

# click's section headings (click >= 8.1; "Positional arguments" from 8.5)
_HEADINGS = {
    "Options": "Tilvalg",
    "Commands": "Kommandoer",
    "Positional arguments": "Argumenter",
}

# The bracket click appends to an option's help: "[env var: X; default: 10; required]"; a range such
# as "1<=x<=64" needs no words.
_EXTRAS = re.compile(r"\[(?P<items>[^\[\]]*)\]$")
_EXTRA_ITEMS = (
    (re.compile(r"^default: (?P<value>.*)$", re.DOTALL), "standard: {value}"),
    (re.compile(r"^env var: (?P<value>.*)$", re.DOTALL), "miljøvariabel: {value}"),
    (re.compile(r"^required$"), "skal angives"),
)


def danish_extras(text: str) -> str:
    """An option's help text with click's trailing bracket in Danish; any other text is kept."""
    found = _EXTRAS.search(text)
    if found is None:
        return text
    items = "; ".join(_danish_item(item) for item in found.group("items").split("; "))
    return f"{text[:found.start()]}[{items}]"


def _danish_item(item: str) -> str:
    return reword(item, _EXTRA_ITEMS) or item


class DanishHelpFormatter(click.HelpFormatter):
    """Writes click's help and usage lines with Danish headings and hints."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Brug: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, danish_extras(text)) for term, text in rows], col_max, col_spacing)


class DanishContext(click.Context):
    formatter_class = DanishHelpFormatter


class DanishHelp:
    """Mixin for a click Command or Group: Danish help formatter, help option and usage placeholders."""

    context_class = DanishContext

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TILVALG]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class DanishCommand(DanishHelp, click.Command):
    """A click Command whose help is in Danish."""
