"""Organisations and places named in a text, found from the list in corpus/entities.toml.

Names and aliases match as whole words, case-insensitively, with Danish genitive and definite
endings ("Middelfarts", "Kalundborg Forsyningen"). Short acronyms ("KL", "DI") match only in
capitals, so "kl. 10" or the word "di" never count as an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ingest.errors import ConfigError
from ingest.messages import cannot_read, unknown_keys
from ingest.tomlfields import FieldError, parse_toml, table_lines

_ACRONYM = re.compile(r"^[A-ZÆØÅ0-9&]{2,6}$")
_ENDINGS = r"(?:s|en|ens|et|ets|ne|nes|')?"
# Characters outside Latin-1, Latin Extended-A and punctuation, and those inside whose
# case-insensitive regex matching differs from str.lower() (µ, İ, ı, ſ): with any of them in a
# text, entities are found by scanning the whole text.
_FOLDING_EXCEPTIONS = re.compile("[^\x00-\xb4\xb6-\u012f\u0132-\u017e\u2000-\u206f\u20ac]")


class EntitiesError(ConfigError):
    """entities.toml is invalid; the message says where and what to fix."""


@dataclass(frozen=True)
class Entity:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entities:
    organizations: tuple[Entity, ...] = ()
    places: tuple[Entity, ...] = ()


def entities_path(corpus_dir: Path) -> Path:
    return Path(corpus_dir) / "entities.toml"


def load_entities(path: Path) -> Entities:
    """Read and validate entities.toml; a missing file means no entities."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Entities()
    except OSError as exc:
        raise EntitiesError(f"{path}: {cannot_read('filen', exc.strerror or exc)}") from exc
    try:
        data = parse_toml(raw)
    except FieldError as exc:
        raise EntitiesError(f"{path}: {exc}") from exc
    text = raw.decode("utf-8-sig")
    lines = {kind: table_lines(text, kind) for kind in _KINDS}
    return parse_entities(data, source=str(path), lines=lines)


_KINDS = ("organization", "place")


def parse_entities(
    data: dict, source: str = "entities.toml", lines: Mapping[str, Sequence[int]] | None = None
) -> Entities:
    """Validate the parsed TOML; ``lines`` gives the line of each [[organization]] / [[place]]
    header, so that an error names where the entry is written."""
    extra = set(data) - set(_KINDS)
    if extra:
        raise EntitiesError(f"{source}: ukendt nøgle øverst: {', '.join(sorted(extra))} (brug [[organization]] og [[place]])")
    lines = lines or {}
    return Entities(
        *(tuple(_entities(data.get(kind, []), kind, source, lines.get(kind, ()))) for kind in _KINDS)
    )


def _entities(entries: object, kind: str, source: str, lines: Sequence[int]) -> list[Entity]:
    if not isinstance(entries, list):
        raise EntitiesError(f"{source}: {kind} skal skrives som [[{kind}]]-afsnit")
    result, seen = [], set()
    # entries written as [[kind]] tables have a line each; inline ones only their number
    known_lines = len(lines) == len(entries)
    for number, entry in enumerate(entries, start=1):
        where = f"{source}, linje {lines[number - 1]}: {kind} nr. {number}" if known_lines else f"{source}: {kind} nr. {number}"
        if not isinstance(entry, dict):
            raise EntitiesError(f"{where} er ikke et [[{kind}]]-afsnit")
        unknown = set(entry) - {"name", "aliases"}
        if unknown:
            raise EntitiesError(f"{where}: {unknown_keys(sorted(unknown), ('name', 'aliases'))}")
        name, aliases = entry.get("name"), entry.get("aliases", [])
        if not isinstance(name, str) or not name.strip():
            raise EntitiesError(f"{where}: name skal være en tekst, ikke tom")
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise EntitiesError(f"{where} ({name}): aliases skal være en liste af tekster, ingen tomme")
        if name.strip() in seen:
            raise EntitiesError(f"{where}: {name!r} står der to gange")
        seen.add(name.strip())
        result.append(Entity(name.strip(), tuple(a.strip() for a in aliases)))
    return result


def find_entities(text: str, entities: Entities) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(organisations, places) named in the text, by canonical name, in list order."""
    lowered = text.lower()
    # Where lower() keeps every character in place and agrees with the regex's case folding, the
    # regex is tried only where an anchor occurs (match at that spot) instead of scanning the text.
    aligned = len(lowered) == len(text) and not _FOLDING_EXCEPTIONS.search(text)

    def named(entity: Entity) -> bool:
        # a substring test in C rules out most entities before the (slower) word-boundary regex
        anchors = [anchor for anchor in _anchors(entity) if anchor in lowered]
        if not anchors:
            return False
        pattern = _pattern(entity)
        if not aligned:
            return bool(pattern.search(text))
        return any(_matches_at_anchor(pattern, text, lowered, anchor) for anchor in anchors)

    return (
        tuple(e.name for e in entities.organizations if named(e)),
        tuple(e.name for e in entities.places if named(e)),
    )


def _matches_at_anchor(pattern: re.Pattern, text: str, lowered: str, anchor: str) -> bool:
    """Whether the pattern matches starting at some occurrence of the anchor (a match always starts
    with an anchor: the first word of a name or alias)."""
    at = lowered.find(anchor)
    while at >= 0:
        if pattern.match(text, at):
            return True
        at = lowered.find(anchor, at + 1)
    return False


def merge_names(*groups: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Concatenate name lists, dropping repeats (case-insensitive), first spelling wins."""
    seen: set[str] = set()
    merged = []
    for group in groups:
        for name in group:
            key = name.strip().casefold()
            if key and key not in seen:
                seen.add(key)
                merged.append(name.strip())
    return tuple(merged)


@lru_cache(maxsize=4096)
def _anchors(entity: Entity) -> tuple[str, ...]:
    """The lower-cased first word of each form: a text that names the entity contains one of them."""
    return tuple(form.split()[0].lower() for form in (entity.name, *entity.aliases))


@lru_cache(maxsize=4096)
def _pattern(entity: Entity) -> re.Pattern:
    alternatives = []
    for form in (entity.name, *entity.aliases):
        words = r"\s+".join(re.escape(w) for w in form.split())
        if _ACRONYM.match(form):
            alternatives.append(rf"(?-i:{words})(?:[’']s)?")
        else:
            alternatives.append(words + _ENDINGS)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w])", re.IGNORECASE)
