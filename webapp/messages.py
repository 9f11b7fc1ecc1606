"""Plain Danish for officers: what a rejected search means, and where a date came from.

The search library words its errors for the API and the command line ("'from' skal være en dato
som ÅÅÅÅ-MM-DD"); a person on a page gets the same problem in the words of the page's own fields.
"""

from __future__ import annotations

import re

# The parameter a library message is about: a quoted parameter name in it.
_PARAM = re.compile(r"'(\w+)'")

PLAIN_ERRORS = {
    "from": "Datoen i »Fra dato« kan ikke bruges. Vælg en dato i feltet, eller fjern den.",
    "to": "Datoen i »Til dato« kan ikke bruges. Vælg en dato i feltet, eller fjern den.",
    "topic": "Emnet kan ikke bruges, for det findes ikke (længere). Vælg et emne i listen over filtre.",
    "theme": "Mødetemaet kan ikke bruges, for det findes ikke. Vælg et tema i listen over filtre.",
    "type": "Materialetypen kan ikke bruges, for den findes ikke. Vælg en type i listen over filtre.",
    "org": "Organisationen kan ikke bruges. Vælg en organisation i listen over filtre.",
    "sort": "Sorteringen kan ikke bruges. Vælg »Relevans« eller »Nyeste først«.",
    "page": "Sidenummeret kan ikke bruges. Gå til første side af søgningen.",
    "per_page": "Antallet af resultater pr. side kan ikke bruges.",
}
FROM_AFTER_TO = (
    "Perioden kan ikke bruges, for »Fra dato« ligger efter »Til dato«. Byt om på de to datoer, "
    "eller ret en af dem."
)
TOO_LONG = "Et af filtrene er for langt til at kunne bruges. Fjern filteret, og prøv igen."

# Where a document's dates and title were read from (the values of its *_source notes).
SOURCE_LABELS = {
    "sidecar": "oplysninger tilføjet af netværket (en .meta.toml-fil ved dokumentet)",
    "meeting.toml": "mødets oplysninger",
    "folder-name": "navnet på mødets mappe",
    "html-meta": "websidens egne oplysninger",
    "markdown-front-matter": "notens egne oplysninger",
    "pdf-metadata": "PDF-filens egenskaber",
    "text:dateline": "datolinjen øverst i teksten",
}


def plain_request_error(message: str) -> str:
    """The page wording for a library message about a bad search parameter."""
    if "'from'" in message and "'to'" in message:
        return FROM_AFTER_TO
    if "for lang" in message and "'" in message:
        return TOO_LONG
    for name in _PARAM.findall(message):
        if name in PLAIN_ERRORS:
            return PLAIN_ERRORS[name]
    return message


def source_label(source: str | None) -> str:
    """'sidecar' -> Danish words; 'text:holdes den' -> 'teksten (»holdes den«)'."""
    if not source:
        return ""
    if source in SOURCE_LABELS:
        return SOURCE_LABELS[source]
    if source.startswith("text:"):
        return f"teksten (»{source[5:]}«)"
    return source
