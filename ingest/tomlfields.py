"""Reading and checking the typed fields of small metadata TOML files (meeting.toml, sidecars)."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path


class FieldError(ValueError):
    """A metadata field is missing, unknown or of the wrong type; the message names it."""


def read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(Path(path).read_bytes().decode("utf-8"))
    except OSError as exc:
        raise FieldError(f"the file cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise FieldError("not UTF-8 text") from exc
    except tomllib.TOMLDecodeError as exc:
        raise FieldError(f"not valid TOML ({exc})") from exc


def check_keys(data: dict, allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise FieldError(f"unknown key(s) {', '.join(unknown)}; allowed are {', '.join(sorted(allowed))}")


def text_field(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise FieldError(f"{key} must be a non-empty string")
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
    raise FieldError(f"{key} must be a date such as 2021-04-29, got {value!r}")


def list_field(data: dict, key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise FieldError(f"{key} must be a list of non-empty strings")
    return tuple(" ".join(v.split()) for v in value)


def table_list_field(data: dict, key: str, allowed: set[str], required: str) -> tuple[dict[str, str], ...]:
    """``[[key]]`` tables whose values are non-empty strings, each with ``required`` set."""
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise FieldError(f"{key} must be [[{key}]] tables")
    tables = []
    for number, table in enumerate(value, start=1):
        where = f"{key} #{number}"
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise FieldError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed are {', '.join(sorted(allowed))}")
        if not all(isinstance(v, str) and v.strip() for v in table.values()):
            raise FieldError(f"{where}: every value must be a non-empty string")
        if required not in table:
            raise FieldError(f"{where}: {required} is required")
        tables.append({k: " ".join(v.split()) for k, v in table.items()})
    return tuple(tables)
