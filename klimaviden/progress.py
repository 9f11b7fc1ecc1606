"""Progress bars for the terminal only: cron jobs and pipes get no bar."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def terminal_progress(description: str, quiet: bool = False):
    """A wrapper for an iterable that draws a bar on stderr when it is a terminal, else passes through."""

    def wrap(items: Iterable[T], total: int | None = None) -> Iterator[T] | Iterable[T]:
        if quiet or not sys.stderr.isatty():
            return items
        from tqdm import tqdm

        return tqdm(items, total=total, desc=description, unit="fil", leave=False)

    return wrap
