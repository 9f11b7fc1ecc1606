"""List the compound splits a text corpus gives, to judge their precision by eye.

    python -m klimaviden.danish.splits_report FILE_OR_FOLDER... > splits.txt

Prints "word<TAB>part+part" for each distinct word that is split, with its number of occurrences.
Reads plain text (.txt, .md, .html as text); for PDF/PPTX/DOCX pass extracted text.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from klimaviden.danish.analysis import tokenize, word_parts
from klimaviden.danish.compounds import compound_parts


def splits(texts) -> dict[str, tuple[list[str], int]]:
    """word -> (parts, occurrences) for every compound split found in the texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        for token in tokenize(text):
            for piece in word_parts(token.text.lower()):
                if "-" not in piece:
                    counts[piece] += 1
    found = {}
    for word, n in sorted(counts.items()):
        parts = compound_parts(word)
        if parts:
            found[word] = (parts, n)
    return found


def _texts(paths):
    for path in paths:
        path = Path(path)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and file.suffix in {".txt", ".md", ".html", ".htm"}:
                yield file.read_text("utf-8", errors="replace")


def main(argv=None) -> int:
    for word, (parts, n) in splits(_texts(argv or sys.argv[1:])).items():
        print(f"{word}\t{'+'.join(parts)}\t{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
