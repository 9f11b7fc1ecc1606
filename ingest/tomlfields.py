"""Reading and checking the typed fields of small TOML files (meeting.toml, sidecars, taxonomy.toml,
entities.toml)."""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path

from ingest.messages import cannot_read, unknown_keys


class FieldError(ValueError):
    """A metadata field is missing, unknown or of the wrong type; the message names it."""


# tomllib says where in its message only: "Invalid value (at line 3, column 5)".
_TOML_WHERE = re.compile(r"^(?P<what>.*?)\s*\((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)$")


def read_toml(path: Path) -> dict:
    return parse_toml(read_toml_bytes(path))


def read_toml_bytes(path: Path) -> bytes:
    """A TOML file's bytes; FieldError when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise FieldError(cannot_read("filen", exc.strerror or exc)) from exc


def parse_toml(raw: bytes) -> dict:
    """TOML bytes as a dict. A UTF-8 byte order mark (Windows Notepad writes one) is allowed.

    Raises FieldError naming what is wrong and where: "ikke gyldig TOML (linje 3, kolonne 5: invalid value)".
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FieldError("filen er ikke UTF-8-tekst") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        last_line = len(text.rstrip().splitlines()) or 1
        raise FieldError(f"ikke gyldig TOML ({describe_toml_error(str(exc), last_line)})") from exc


def describe_toml_error(message: str, last_line: int) -> str:
    """ "Invalid value (at line 3, column 5)" -> "linje 3, kolonne 5: invalid value";
    "Unclosed array (at end of document)" -> "linje 9, filens slutning: unclosed array".
    tomllib's own words stay English: they are its technical specifics."""
    found = _TOML_WHERE.match(message)
    if not found:
        return message
    what = found["what"][:1].lower() + found["what"][1:]
    if found["line"]:
        return f"linje {found['line']}, kolonne {found['column']}: {what}"
    return f"linje {last_line}, filens slutning: {what}"


def table_lines(raw_text: str, name: str) -> list[int]:
    """The line numbers (1-based) of each [[name]] header, in order: where the Nth entry is written."""
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(name)}[ \t]*\]\]", re.MULTILINE)
    return [raw_text.count("\n", 0, m.start()) + 1 for m in header.finditer(raw_text)]


def check_keys(data: dict, allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise FieldError(unknown_keys(unknown, sorted(allowed)))


def text_field(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise FieldError(f"{key} skal være en tekst, ikke tom")
    return " ".join(value.split())


def date_field(data: dict, key: str) -> date | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError(f"{key} skal være en dato som 2021-04-29, ikke {value!r}")


def list_field(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise FieldError(f"{key} skal være en liste af tekster, ingen tomme")
    return tuple(" ".join(v.split()) for v in value)


def table_list_field(data: dict, key: str, allowed: set[str], required: str) -> tuple[dict[str, str], ...]:
    """``[[key]]`` tables whose values are non-empty strings, each with ``required`` set."""
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise FieldError(f"{key} skal skrives som [[{key}]]-afsnit")
    tables = []
    for number, table in enumerate(value, start=1):
        where = f"{key} #{number}"
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise FieldError(f"{where}: {unknown_keys(unknown, sorted(allowed))}")
        if not all(isinstance(v, str) and v.strip() for v in table.values()):
            raise FieldError(f"{where}: hver værdi skal være en tekst, ikke tom")
        if required not in table:
            raise FieldError(f"{where}: {required} mangler")
        tables.append({k: " ".join(v.split()) for k, v in table.items()})
    return tuple(tables)
