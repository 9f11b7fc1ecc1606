"""The word material the corpus generator draws from: the taxonomy, the entity lists, the sample texts.

Everything is read from a source corpus folder (the repository's `corpus/`) so generated documents
use the same topic terms, organisations and sentences as the real material.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError
from ingest.formats import html as html_format

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9])")
_SPACE = re.compile(r"\s+")
# page furniture that must not end up in generated body text (it belongs to the HTML chrome)
_CHROME = re.compile(r"cookie|©|\||Telefon|@|Privatliv|Tilgængelighed|\ufffd", re.I)

# Municipalities and towns used when the entity list has few places.
FALLBACK_PLACES = (
    "Middelfart", "Kalundborg", "Aarhus", "Odense", "Aalborg", "Vejle", "Sønderborg", "Herning",
    "Roskilde", "Høje-Taastrup", "Frederikshavn", "Køge", "Viborg", "Esbjerg", "Horsens", "Næstved",
)
FALLBACK_ORGANIZATIONS = ("KL", "Dansk Industri", "CONCITO", "Realdania", "Energistyrelsen")
# Sentences in the register of the network's announcements; {t} a topic term, {c} a compound,
# {p} a place, {o} an organisation, {d} a date, {n} a number.
TEMPLATES = (
    "Kommunerne arbejder målrettet med {t} som en del af den grønne omstilling.",
    "På netværksmødet {d} præsenterer {o} erfaringer med {c} i {p} Kommune.",
    "{p} Kommune har sat {t} øverst på dagsordenen i den nye klimahandlingsplan.",
    "Oplægget fra {o} viste, hvordan {c} kan reducere udledningen med {n} procent.",
    "Deltagerne drøftede udfordringerne ved {t} og mulighederne for nye {cp}.",
    "Der er afsat {n} millioner kroner til {c} i perioden frem mod 2030.",
    "Erfaringerne fra {p} viser, at {t} kræver samarbejde på tværs af forvaltningerne.",
    "Netværket mødes igen {d}, hvor temaet er {t}.",
    "Kommunens {c} bygger på dialog med borgere, virksomheder og foreninger.",
    "Ifølge {o} kan {t} bidrage væsentligt til målet om 70 procents reduktion.",
    "Medarbejdere fra {n} kommuner deltog i workshoppen om {c}.",
    "Status på {cd} blev fremlagt af projektlederen fra {p}.",
)
# Heads of compounds with their definite and plural forms (Danish gender decides the ending).
COMPOUND_HEADS = {
    "plan": ("planen", "planer"), "strategi": ("strategien", "strategier"),
    "projekt": ("projektet", "projekter"), "indsats": ("indsatsen", "indsatser"),
    "område": ("området", "områder"), "anlæg": ("anlægget", "anlæg"),
    "regnskab": ("regnskabet", "regnskaber"), "partnerskab": ("partnerskabet", "partnerskaber"),
    "samarbejde": ("samarbejdet", "samarbejder"), "løsning": ("løsningen", "løsninger"),
    "mål": ("målet", "mål"), "politik": ("politikken", "politikker"),
    "program": ("programmet", "programmer"), "pulje": ("puljen", "puljer"),
    "netværk": ("netværket", "netværk"), "analyse": ("analysen", "analyser"),
}
COMPOUND_MODIFIERS = (
    "klima", "energi", "varme", "transport", "affalds", "vand", "bygnings", "landbrugs", "miljø",
    "forsynings", "omstillings", "borger", "erhvervs", "kommune", "fjernvarme", "sol",
)


@dataclass(frozen=True)
class TopicWords:
    slug: str
    label: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Vocabulary:
    topics: tuple[TopicWords, ...]
    organizations: tuple[str, ...]
    places: tuple[str, ...]
    sentences: tuple[str, ...]
    words: tuple[str, ...]
    themes: tuple[str, ...]


def load_vocabulary(source: Path) -> Vocabulary:
    taxonomy = tomllib.loads((source / "taxonomy.toml").read_text("utf-8"))
    topics = tuple(
        TopicWords(t["slug"], t["label"], tuple(t.get("terms", ()))) for t in taxonomy["topic"]
    )
    entities_path = source / "entities.toml"
    entities = tomllib.loads(entities_path.read_text("utf-8")) if entities_path.exists() else {}
    organizations = tuple(o["name"] for o in entities.get("organization", ())) or FALLBACK_ORGANIZATIONS
    places = tuple(p["name"] for p in entities.get("place", ()))
    places = tuple(dict.fromkeys(places + FALLBACK_PLACES))
    texts = [_plain_text(p) for p in sorted(source.rglob("*")) if p.suffix in (".txt", ".html", ".md")
             and p.name.lower() != "readme.md"]
    sentences = tuple(dict.fromkeys(s for t in texts for s in split_sentences(t)
                                    if 6 <= len(s.split()) <= 45 and not _CHROME.search(s)))
    words = tuple(sorted({w.lower() for s in sentences for w in re.findall(r"[^\W\d_]{4,}", s)}))
    themes = tuple(dict.fromkeys(_meeting_themes(source) + tuple(t.label for t in topics)))
    return Vocabulary(topics, organizations, places, sentences, words, themes)


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(_SPACE.sub(" ", text)) if s.strip()]


def inflections(noun: str) -> tuple[str, ...]:
    """Regular Danish common-gender forms of a noun: definite, plural, definite plural."""
    if noun.endswith("e"):
        return (noun, noun + "n", noun + "r", noun + "rne")
    if noun.endswith("el"):
        stem = noun[:-2] + "l"
        return (noun, stem + "en", stem + "er", stem + "erne")
    if noun.endswith(("er", "en")):
        return (noun,)
    return (noun, noun + "en", noun + "er", noun + "erne")


def _plain_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:  # sample files saved by Windows tools
        raw = data.decode("cp1252", errors="replace")
    if path.suffix == ".html":  # the article only: a real page's menus and cookie text are no body text
        try:
            return html_format.extract(data, path.name).text
        except IngestError:
            return ""
    return raw


def _meeting_themes(source: Path) -> tuple[str, ...]:
    themes: list[str] = []
    for path in sorted(source.glob("*/meeting.toml")):
        try:
            themes.extend(tomllib.loads(path.read_text("utf-8")).get("themes", ()))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            continue
    return tuple(themes)
