"""Writing the corpus's small metadata files (meeting.toml, NAME.meta.toml) as TOML, atomically.

Only the value kinds those files use: strings, dates, lists of strings and arrays of tables of
strings. Strings are TOML basic strings with every character TOML forbids escaped, so anything a
coordinator types reads back exactly (tested against tomllib).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def quote(text: str) -> str:
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(value) -> str:
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "[" + ", ".join(quote(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as a metadata value")


def _is_tables(value) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, dict) for v in value)


def dumps(data: dict, header: str | None = None) -> str:
    """TOML text for `data`; empty values (None, "", []) are left out; tables come last."""
    lines = [f"# {line}".rstrip() for line in (header or "").splitlines()]
    tables = []
    for key, value in data.items():
        if value in (None, "", [], ()):
            continue
        if _is_tables(value):
            tables.append((key, value))
        else:
            lines.append(f"{key} = {_value(value)}")
    for key, rows in tables:
        for row in rows:
            lines.extend(["", f"[[{key}]]"])
            lines.extend(f"{k} = {_value(v)}" for k, v in row.items() if v not in (None, ""))
    return "\n".join(lines) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Replaces `path` with `text` in one step (a reader sees the old or the new file, never half)."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
