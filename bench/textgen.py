"""Pure generation of Danish document text: titles, dated paragraphs, pages and slides.

Every function takes a `random.Random` so a document's text depends only on the corpus seed and the
document's path, whatever process or order generates it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from bench.vocab import COMPOUND_HEADS, COMPOUND_MODIFIERS, TEMPLATES, Vocabulary, inflections

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
          "oktober", "november", "december")


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DocText:
    title: str
    dateline: str
    sections: tuple[Section, ...]

    def plain(self) -> str:
        parts = [self.title, self.dateline]
        for section in self.sections:
            parts.append(section.heading)
            parts.extend(section.paragraphs)
        return "\n\n".join(p for p in parts if p)


def danish_date(day: date, *, with_year: bool = True) -> str:
    """'22. april 2021' or, without the year, 'den 29. april'."""
    text = f"{day.day}. {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else f"den {text}"


def compound_forms(rng: random.Random) -> tuple[str, str, str]:
    """A compound noun (modifier + head) in indefinite, definite and plural form."""
    modifier = rng.choice(COMPOUND_MODIFIERS)
    head = rng.choice(tuple(COMPOUND_HEADS))
    definite, plural = COMPOUND_HEADS[head]
    return modifier + head, modifier + definite, modifier + plural


def compound(rng: random.Random) -> str:
    return compound_forms(rng)[0]


def topic_word(rng: random.Random, vocab: Vocabulary, slugs: tuple[str, ...]) -> str:
    """A term of one of the focus topics, often inflected when it is a single word."""
    topic = _topic(vocab, rng.choice(slugs)) if slugs else rng.choice(vocab.topics)
    term = rng.choice(topic.terms)
    if " " not in term and "-" not in term and term.islower() and rng.random() < 0.5:
        return rng.choice(inflections(term))
    return term


def sentence(rng: random.Random, vocab: Vocabulary, slugs: tuple[str, ...], day: date) -> str:
    """One sentence: a sample-corpus sentence with a word swapped in, or a filled template."""
    if vocab.sentences and rng.random() < 0.55:
        words = rng.choice(vocab.sentences).split()
        if len(words) > 6 and rng.random() < 0.6:
            spot = rng.randrange(1, len(words) - 1)
            if words[spot].isalpha() and words[spot].islower():
                words[spot] = topic_word(rng, vocab, slugs) if rng.random() < 0.7 else compound(rng)
        return " ".join(words)
    template = rng.choice(TEMPLATES)
    forms = compound_forms(rng)
    text = template.format(
        t=topic_word(rng, vocab, slugs),
        c=forms[0], cd=forms[1], cp=forms[2],
        p=rng.choice(vocab.places),
        o=rng.choice(vocab.organizations),
        d=danish_date(day, with_year=rng.random() < 0.5),
        n=rng.randint(2, 95),
    )
    if vocab.words and rng.random() < 0.35:
        text = text[:-1] + f", herunder {rng.choice(vocab.words)} og {rng.choice(vocab.words)}."
    return text[0].upper() + text[1:]


def paragraph(rng: random.Random, vocab: Vocabulary, slugs: tuple[str, ...], day: date,
              sentences: tuple[int, int] = (2, 5)) -> str:
    return " ".join(sentence(rng, vocab, slugs, day) for _ in range(rng.randint(*sentences)))


def announcement(rng: random.Random, vocab: Vocabulary, slugs: tuple[str, ...], day: date,
                 meeting_day: date | None) -> DocText:
    label = _topic(vocab, slugs[0]).label if slugs else "klima"
    title = rng.choice((
        f"Kommunernes klimapolitiske netværk stiller skarpt på {label.lower()}",
        f"Nyt fra netværket: {label}",
        f"{rng.choice(vocab.places)} Kommune deler erfaringer med {compound_forms(rng)[2]}",
    ))
    lead = f"På det kommende netværksmøde {danish_date(meeting_day, with_year=False)} sættes der spot på {label.lower()}." \
        if meeting_day else paragraph(rng, vocab, slugs, day, (1, 2))
    sections = [Section("", (lead,) + tuple(paragraph(rng, vocab, slugs, day) for _ in range(rng.randint(3, 5))))]
    if rng.random() < 0.5:
        sections.append(Section("Om netværket", (paragraph(rng, vocab, slugs, day, (2, 3)),)))
    return DocText(title, danish_date(day), tuple(sections))


def invitation(rng: random.Random, vocab: Vocabulary, slugs: tuple[str, ...], day: date, place: str) -> DocText:
    label = _topic(vocab, slugs[0]).label if slugs else "klima"
    start = rng.choice((9, 10, 12))
    program = tuple(
        f"Kl. {start + k}.{rng.choice(('00', '15', '30'))} {rng.choice(('Oplæg', 'Drøftelse', 'Workshop', 'Case'))}: "
        f"{topic_word(rng, vocab, slugs)} ved {rng.choice(vocab.organizations)}"
        for k in range(rng.randint(3, 5))
    )
    return DocText(
        f"Invitation til netværksmøde {danish_date(day, with_year=False)}: {label}",
        f"Tid: {danish_date(day)} kl. {start}.00-{start + 5}.00. Sted: {place}.",
        (Section("", (paragraph(rng, vocab, slugs, day, (2, 4)),)), Section("Program", program),
         Section("Tilmelding", (f"Tilmelding senest {danish_date(day, with_year=False)} til sekretariatet.",))),
    )


def presentation(rng: random.Random, vocab: Vocabulary, slugs: tuple[str, ...], day: date,
                 organization: str, pages: int) -> DocText:
    title = f"{compound(rng).capitalize()}: {topic_word(rng, vocab, slugs)} i praksis"
    sections = tuple(
        Section(f"{k}. {compound(rng).capitalize()}",
                tuple(sentence(rng, vocab, slugs, day) for _ in range(rng.randint(2, 4))))
        for k in range(1, pages + 1)
    )
    return DocText(title, f"{organization}, {danish_date(day)}", sections)


def _topic(vocab: Vocabulary, slug: str):
    for topic in vocab.topics:
        if topic.slug == slug:
            return topic
    raise KeyError(slug)
