"""How a reindex run ended, for cron: an exit code, a message and, always, one summary object.

Every way a run can end after its arguments are parsed maps to one exit code here, and every one
of them yields the same JSON shape: the usual counts (zero when the run stopped early) and, for the
failing ones, "error" and "exit".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from index.errors import ConfigError, LockHeld
from ingest.taxonomy import TaxonomyError
from klimaviden import exit_codes
from reindex.guards import MassDeleteRefused
from reindex.report import ReindexReport


@dataclass
class Outcome:
    summary: dict
    exit_code: int
    error: str | None = None

    def as_dict(self) -> dict:
        if self.error is None:
            return self.summary
        return {**self.summary, "error": self.error, "exit": self.exit_code}


def run_outcome(run: Callable[[], ReindexReport]) -> Outcome:
    """Run a reindex and say how it ended (exceptions outside these kinds propagate)."""
    empty = ReindexReport().as_dict()
    try:
        report = run()
    except LockHeld as exc:
        return Outcome(empty, exit_codes.LOCKED, f"{exc}; intet er ændret.")
    except MassDeleteRefused as exc:
        return Outcome(empty, exit_codes.REFUSED, str(exc))
    except (ConfigError, TaxonomyError) as exc:
        return Outcome(empty, exit_codes.USAGE, str(exc))
    except OSError as exc:
        return Outcome(
            empty,
            exit_codes.IO_ERROR,
            f"indekseringen blev stoppet af en fejl i filsystemet: {exc}. Indekset har sin sidst "
            "gemte tilstand; kør indekseringen igen, når fejlen er rettet.",
        )
    summary = report.as_dict()
    return Outcome(summary, exit_codes.FAILED_FILES if summary["failed"] else exit_codes.OK)
