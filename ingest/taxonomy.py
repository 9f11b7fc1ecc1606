"""The DK2020 topic taxonomy (corpus/taxonomy.toml): loading and validation with clear messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import ConfigError
from ingest.messages import cannot_read, unknown_keys
from ingest.tomlfields import FieldError, parse_toml, table_lines
from klimaviden.danish import analyze_terms

TOPIC_SLUGS = (
    "energi",
    "transport",
    "bygninger",
    "landbrug",
    "affald",
    "erhverv",
    "klimatilpasning",
    "co2-regnskab",
    "co2-fangst",
    "borgerinddragelse",
    "partnerskaber",
    "ledelse",
)
_KEYS = {"slug", "label", "description", "terms"}


class TaxonomyError(ConfigError):
    """taxonomy.toml is missing or invalid; the message says where and what to fix."""


@dataclass(frozen=True)
class Topic:
    slug: str
    label: str
    description: str
    terms: tuple[str, ...]


def taxonomy_path(corpus_dir: Path) -> Path:
    return Path(corpus_dir) / "taxonomy.toml"


def load_taxonomy(path: Path) -> tuple[Topic, ...]:
    """Read and validate a taxonomy file; raises TaxonomyError naming the file, topic and problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise TaxonomyError(f"{path}: emnefilen findes ikke") from exc
    except OSError as exc:
        raise TaxonomyError(f"{path}: {cannot_read('emnefilen', exc.strerror or exc)}") from exc
    try:
        data = parse_toml(raw)
    except FieldError as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc
    return parse_taxonomy(data, source=str(path), lines=table_lines(raw.decode("utf-8-sig"), "topic"))


def parse_taxonomy(
    data: dict, source: str = "taxonomy.toml", lines: Sequence[int] = ()
) -> tuple[Topic, ...]:
    """Validate the parsed TOML: [[topic]] tables with slug, label, description and terms.
    ``lines`` gives the line of each [[topic]] header, so that an error names where it is written."""
    extra = set(data) - {"topic"}
    if extra:
        raise TaxonomyError(f"{source}: ukendt nøgle øverst: {', '.join(sorted(extra))} (kun [[topic]]-afsnit hører til her)")
    entries = data.get("topic")
    if not isinstance(entries, list) or not entries:
        raise TaxonomyError(f"{source}: ingen emner; skriv ét [[topic]]-afsnit pr. emne")
    known_lines = len(lines) == len(entries)
    topics = [
        _topic(entry, number, f"{source}, linje {lines[number - 1]}" if known_lines else source)
        for number, entry in enumerate(entries, start=1)
    ]
    seen: set[str] = set()
    for topic in topics:
        if topic.slug in seen:
            raise TaxonomyError(f"{source}: emnet {topic.slug!r} er skrevet to gange")
        seen.add(topic.slug)
    missing = [slug for slug in TOPIC_SLUGS if slug not in seen]
    if missing:
        raise TaxonomyError(
            f"{source}: emner mangler: {', '.join(missing)} (alle af {', '.join(TOPIC_SLUGS)} skal være med)"
        )
    return tuple(topics)


def _topic(entry: object, number: int, source: str) -> Topic:
    where = f"{source}: emne nr. {number}"
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where} er ikke et [[topic]]-afsnit")
    slug = entry.get("slug")
    if not isinstance(slug, str) or not slug:
        raise TaxonomyError(f"{where} har ingen slug (en tekst som \"energi\")")
    where = f"{source}: emnet {slug!r}"
    if slug not in TOPIC_SLUGS:
        raise TaxonomyError(f"{where}: ukendt slug (brug en af {', '.join(TOPIC_SLUGS)})")
    unknown = set(entry) - _KEYS
    if unknown:
        raise TaxonomyError(f"{where}: {unknown_keys(sorted(unknown), sorted(_KEYS))}")
    label = entry.get("label")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(f"{where}: label skal være en tekst, ikke tom")
    description = entry.get("description", "")
    if not isinstance(description, str):
        raise TaxonomyError(f"{where}: description skal være en tekst")
    terms = entry.get("terms")
    if not isinstance(terms, list) or not terms:
        raise TaxonomyError(f"{where}: terms skal være en liste af tekster, ikke tom")
    for term in terms:
        if not isinstance(term, str) or not term.strip():
            raise TaxonomyError(f"{where}: hver term skal være en tekst, ikke tom, ikke {term!r}")
        if not analyze_terms(term):
            raise TaxonomyError(f"{where}: termen {term!r} består kun af stopord og kan aldrig give et fund")
    return Topic(slug, label.strip(), description.strip(), tuple(t.strip() for t in terms))
