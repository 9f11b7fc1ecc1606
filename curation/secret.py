"""The Flask secret key: KLIMAVIDEN_SECRET_KEY, else one generated once into the data folder (0600)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

SECRET_ENV = "KLIMAVIDEN_SECRET_KEY"
SECRET_FILE = "secret_key"


def secret_key(data_dir: Path, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if env.get(SECRET_ENV):
        return env[SECRET_ENV]
    path = Path(data_dir) / SECRET_FILE
    Path(data_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        # O_EXCL: two workers starting at once write one key; the loser reads the winner's.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
        raise
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        key = secrets.token_hex(32)
        handle.write(key + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return key
