"""The best passage of a document for a query, and a highlighted, HTML-escaped snippet from it.

Works on stored passage text only. A "needle" is an index term (a folded stem such as
"partnerskab" or "baeredyg"); it matches inside words so compounds and inflections light up
("erhvervspartnerskaber"), with æ/ø/å matching their spelled-out forms.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

SNIPPET_CHARS = 240
MIN_INSIDE_WORD = 4  # shorter needles match only at the start of a word
MAX_NEEDLES = 8  # a long query highlights its first words only: the pattern's cost grows with each
_UNFOLD = (("ae", "(?:ae|æ)"), ("oe", "(?:oe|ø)"), ("aa", "(?:aa|å)"))
_FOLDED_START = (("ae", "æ"), ("oe", "ø"), ("aa", "å"))


@dataclass(frozen=True)
class Highlighter:
    pattern: re.Pattern | None
    groups: int

    def best_passage(self, passages):
        """(passage, score) with the most distinct needles, then most matches; first wins ties.

        A table of contents (passage.toc) is chosen only when no other passage matches at all."""
        best, score, _ = self._best(passages)
        return best, score

    def excerpt(self, passages, limit: int = SNIPPET_CHARS):
        """(the best passage, its snippet) as best_passage and snippet would give them, reading
        each passage once (and a lone passage only for its snippet)."""
        if not passages:
            return None, ""
        if len(passages) == 1 or self.pattern is None:
            return passages[0], self.snippet(passages[0].text, limit)
        best, _, matches = self._best(passages)
        return best, self._snippet(best.text, matches, limit)

    def _best(self, passages):
        """(passage, distinct needles, its matches: all of them, or None when not all were read)."""
        if self.pattern is None or not passages:
            return (passages[0] if passages else None), 0, None
        best, best_score, best_matches = passages[0], (False, 0, 0), None
        for passage in passages:
            seen = set()
            hits = 0
            matches = []
            for match in self.pattern.finditer(passage.text):
                seen.add(match.lastgroup)
                matches.append(match)
                hits += 1
                if hits >= 50:
                    break
            score = (bool(seen) and not getattr(passage, "toc", False), len(seen), hits)
            if score > best_score:
                # after 50 matches the rest are unread: the snippet reads the passage again
                best, best_score, best_matches = passage, score, (matches if hits < 50 else None)
        return best, best_score[1], best_matches

    def snippet(self, text: str, limit: int = SNIPPET_CHARS) -> str:
        """About `limit` characters where the most different words match, escaped, matches in
        <mark>."""
        return self._snippet(text, None, limit)

    def _snippet(self, text: str, matches, limit: int) -> str:
        if matches is None:
            matches = list(self.pattern.finditer(text)) if self.pattern is not None else []
        start = 0
        anchor = _densest(matches, limit)
        if anchor is not None and anchor > limit // 3:
            start = _word_start(text, anchor - limit // 3)
        end = _word_end(text, min(len(text), start + limit))
        out = ["…" if start > 0 else "", _marked(text, matches, start, end)]
        if end < len(text):
            out.append("…")
        return " ".join("".join(out).split())

    def marked(self, text: str) -> str:
        """The whole text, HTML-escaped, with every matching word in <mark> (line breaks kept)."""
        matches = list(self.pattern.finditer(text)) if self.pattern is not None else []
        return _marked(text, matches, 0, len(text))


def _marked(text: str, matches, start: int, end: int) -> str:
    """text[start:end] escaped, each whole word a match touches wrapped in <mark>."""
    out = []
    cursor = start
    for match in matches:
        word_start, word_end = word_bounds(text, match.start(), match.end())
        if word_start < cursor:
            continue
        if word_start >= end:
            break
        out.append(html.escape(text[cursor:word_start]))
        out.append(f"<mark>{html.escape(text[word_start:word_end])}</mark>")
        cursor = word_end
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def _densest(matches, limit: int) -> int | None:
    """The position of the match that starts the window with the most distinct needles."""
    best, best_count = None, 0
    for i, first in enumerate(matches[:50]):
        seen = set()
        for match in matches[i:]:
            if match.end() - first.start() > limit * 2 // 3:
                break
            seen.add(match.lastgroup)
        if len(seen) > best_count:
            best, best_count = first.start(), len(seen)
    return best


def _needle_pattern(needle: str) -> str:
    pattern = re.escape(needle)
    for folded, either in _UNFOLD:
        pattern = pattern.replace(folded, either)
    return pattern if len(needle) >= MIN_INSIDE_WORD else r"\b" + pattern


def highlighter(needles, phrases=()) -> Highlighter:
    """needles: folded stems; phrases: per position, the exact lower-case words allowed there."""
    parts = []
    firsts = set()  # every letter a match can begin with
    for needle in list(dict.fromkeys(n for n in needles if n))[:MAX_NEEDLES]:
        parts.append(_needle_pattern(needle))
        firsts.add(needle[0])
        firsts.update(letter for folded, letter in _FOLDED_START if needle.startswith(folded))
    for phrase in list(dict.fromkeys(phrases))[:MAX_NEEDLES]:
        words = ("(?:" + "|".join(re.escape(w) for w in forms) + ")" for forms in phrase)
        parts.append(r"\b" + r"\W+".join(words) + r"\b")
        firsts.update(w[:1] for w in (phrase[0] if phrase else ("",)))
    if not parts:
        return Highlighter(None, 0)
    named = "|".join(f"(?P<n{i}>{p})" for i, p in enumerate(parts))
    if "" not in firsts:
        # Python's regex engine tries each alternative at every position; a leading class of the
        # letters a match can start with skips most positions at once (2x faster snippets).
        named = "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + "])(?:" + named + ")"
    return Highlighter(re.compile(named, re.IGNORECASE), len(parts))


def word_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _word_start(text: str, position: int) -> int:
    position = max(position, 0)
    while 0 < position < len(text) and text[position - 1].isalnum():
        position += 1
    return min(position, len(text))


def _word_end(text: str, position: int) -> int:
    while position < len(text) and text[position].isalnum():
        position += 1
    return position
