"""Logging to stderr, one line per event; quiet by default when nobody watches a terminal."""

from __future__ import annotations

import logging
import sys

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_level(verbose: bool, quiet: bool, interactive: bool) -> int:
    if quiet:
        return logging.ERROR
    if verbose:
        return logging.DEBUG
    return logging.INFO if interactive else logging.WARNING


def configure_logging(verbose: bool = False, quiet: bool = False) -> None:
    level = log_level(verbose, quiet, sys.stderr.isatty())
    logging.basicConfig(level=level, format=FORMAT, stream=sys.stderr, force=True)
