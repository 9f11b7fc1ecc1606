"""OCR text kept between runs, so a rebuilt index (a new schema or analyser) never reads a page twice.

One small JSON file per page under the data folder (never inside an index generation):

    <data>/ocr/<tesseract version>/<checksum[:2]>/<checksum>-p<page>.json

keyed by the file's SHA-256, the physical page number and the Tesseract version (a new Tesseract
may read better, so its text is not taken from an older one). A file that cannot be read or
written is treated as a miss: the cache only ever saves time.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from pathlib import Path

from ingest.ocr import OcrPage

log = logging.getLogger(__name__)

_SAFE = re.compile(r"[^0-9A-Za-z._-]+")


class OcrCache:
    def __init__(self, data_dir: Path | str, tesseract_version: str):
        self.root = Path(data_dir) / "ocr" / _SAFE.sub("_", tesseract_version)

    def path(self, checksum: str, page: int) -> Path:
        return self.root / checksum[:2] / f"{checksum}-p{page}.json"

    def get(self, checksum: str, page: int) -> OcrPage | None:
        try:
            with self.path(checksum, page).open(encoding="utf-8") as handle:
                return OcrPage.from_dict(json.load(handle))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring an unreadable OCR cache entry for page %d: %s", page, exc)
            return None

    def put(self, checksum: str, page: int, result: OcrPage) -> None:
        target = self.path(checksum, page)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(result.as_dict(), handle, ensure_ascii=False)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            log.warning("could not keep the OCR text of page %d in %s: %s", page, self.root, exc)
