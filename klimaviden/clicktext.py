"""Click's own usage errors ("No such option", "Missing argument", ...) in plain Danish.

Click words its errors in English; a Group of this class catches them where they are raised (while the
command line is parsed) and raises them again with Danish text, shown as "Fejl: ..." like our own. Its
help pages are Danish too (klimaviden/clickhelp.py)."""

from __future__ import annotations

import re

import click

from klimaviden import exit_codes
from klimaviden.clickhelp import DanishCommand, DanishHelp
from klimaviden.terminal import error_line
from klimaviden.wording import reword

# Raised by click >= 8.2 for a group typed without a command: its message is the help page itself
# (already Danish), shown as it is.
_HELP_INSTEAD = getattr(click.exceptions, "NoArgsIsHelpError", ())

# Click's plain UsageError messages, matched on its English wording (click >= 8.1).
_PLAIN = (
    (re.compile(r"^No such command '(?P<name>.*)'\.$"), "ukendt kommando: {name}"),
    (re.compile(r"^Got unexpected extra arguments? \((?P<args>.*)\)$"), "uventede ekstra argumenter: {args}"),
    (re.compile(r"^Option '(?P<name>.*)' requires an argument\.$"), "tilvalget {name} skal have en værdi"),
    (re.compile(r"^Option '(?P<name>.*)' requires (?P<n>\d+) arguments\.$"), "tilvalget {name} skal have {n} værdier"),
    (re.compile(r"^Missing command\.$"), "der mangler en kommando"),
)


# Click's complaints about a value (its types' fail() messages, click >= 8.1), matched on its wording;
# the value, the choices and the range are kept as click writes them.
_COMPLAINTS = (
    (re.compile(r"^(?P<value>.+?) is not a valid integer\.$"), "{value} er ikke et heltal"),
    (re.compile(r"^(?P<value>.+?) is not a valid float\.$"), "{value} er ikke et tal"),
    (re.compile(r"^(?P<value>.+?) is not a valid boolean\.$"), "{value} er hverken ja eller nej"),
    (re.compile(r"^(?P<value>.+?) is not one of (?P<choices>.+)\.$"), "{value} er ikke en af {choices}"),
    (re.compile(r"^(?P<value>.+?) is not in the range (?P<range>.+)\.$"), "{value} ligger ikke i intervallet {range}"),
    (re.compile(r"^(?:File|Directory|Path) (?P<name>.+) does not exist\.$"), "{name} findes ikke"),
    (re.compile(r"^(?:File|Path) (?P<name>.+) is a directory\.$"), "{name} er en mappe, ikke en fil"),
    (re.compile(r"^(?:Directory|Path) (?P<name>.+) is a file\.$"), "{name} er en fil, ikke en mappe"),
    (re.compile(r"^(?:File|Directory|Path) (?P<name>.+) is not readable\.$"), "{name} kan ikke læses"),
)


class UsageError(click.ClickException):
    """A user error of ours, already in Danish: printed as "Fejl: ..." and exits 2, like click's own."""

    exit_code = exit_codes.USAGE

    def show(self, file=None) -> None:
        click.echo(error_line(self.format_message()), file=file, err=file is None)


class Aborted(click.ClickException):
    """A prompt the user broke off (Ctrl-C, end of input), said in Danish instead of click's "Aborted!"."""

    exit_code = exit_codes.ABORTED

    def show(self, file=None) -> None:
        click.echo(f"Afbrudt: {self.format_message()}", file=file, err=file is None)


def danish_message(exc: click.UsageError) -> str:
    """The error's message in Danish; the names of options, arguments and values are kept."""
    if isinstance(exc, click.NoSuchOption):
        guess = f" (mente du {_either(exc.possibilities)}?)" if exc.possibilities else ""
        return f"ukendt tilvalg: {exc.option_name}{guess}"
    if isinstance(exc, click.BadParameter):
        hint = _hint(exc)
        if isinstance(exc, click.MissingParameter):
            kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
            what = {"argument": "argumentet", "option": "tilvalget"}.get(kind, "parameteren")
            return f"{what} {hint} mangler" if hint else f"{what} mangler"
        # the value's own complaint comes from click's types: in Danish where we know its wording
        complaint = reword(exc.message, _COMPLAINTS) or exc.message
        return f"ugyldig værdi for {hint}: {complaint}" if hint else f"ugyldig værdi: {complaint}"
    return reword(exc.message, _PLAIN) or exc.message


def _either(names: list[str]) -> str:
    """ "--limit, --quiet eller --to"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} eller {names[-1]}"


def _hint(exc: click.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(hint)
    if exc.param is not None:
        return exc.param.get_error_hint(exc.ctx)
    return ""


class DanishUsageError(click.UsageError):
    """A click usage error reworded in Danish; shown with the command's usage line and a help hint."""

    def show(self, file=None) -> None:
        lines = []
        if self.ctx is not None:
            lines.append(self.ctx.get_usage())
            if self.ctx.command.get_help_option(self.ctx) is not None:
                option = self.ctx.help_option_names[0]
                lines.append(f"Se '{self.ctx.command_path} {option}' for hjælp.")
            lines.append("")
        lines.append(error_line(self.format_message()))
        click.echo("\n".join(lines), file=file, err=file is None)

    def format_message(self) -> str:
        return self.message


def _reworded(exc: click.UsageError) -> DanishUsageError:
    danish = DanishUsageError(danish_message(exc), exc.ctx)
    danish.exit_code = exc.exit_code
    return danish


class DanishGroup(DanishHelp, click.Group):
    """A click Group whose parsing errors, and those of its subcommands, are worded in Danish, and
    whose help is in Danish; its subcommands and subgroups are made of the same classes."""

    command_class = DanishCommand
    group_class = type

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except (DanishUsageError, _HELP_INSTEAD):
            raise
        except click.UsageError as exc:
            raise _reworded(exc) from exc

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (DanishUsageError, _HELP_INSTEAD):
            raise
        except click.UsageError as exc:
            raise _reworded(exc) from exc
