"""What a reindex run did, as operators read it (`reindex --json` prints as_dict())."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ReindexReport:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: list[dict] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    ocr_pages: int = 0  # scanned PDF pages read by OCR (or taken from the OCR cache) in this run
    seconds: float = 0.0
    full: bool = False
    dry_run: bool = False
    generation: int | None = None
    repaired: str | None = None  # why the live index was rebuilt as damaged, if it was

    def as_dict(self) -> dict:
        summary = {
            "added": self.added,
            "updated": self.updated,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "failed": [{"path": f["path"], "error": f["error"]} for f in self.failed],
            "documents": self.documents,
            "passages": self.passages,
            "ocr_pages": self.ocr_pages,
            "seconds": round(self.seconds, 3),
        }
        if self.repaired:
            summary["repaired"] = self.repaired
        return summary
