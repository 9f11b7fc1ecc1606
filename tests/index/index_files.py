"""Small real corpora for the index tests: text, Markdown, HTML, PDF (fpdf2) and PPTX (python-pptx)
files in meeting folders, and Documents built directly for search-only tests."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone
from pathlib import Path

from fpdf import FPDF
from pptx import Presentation

from index import store
from index.query import parse_search_params
from index.writer import open_writer
from ingest.document import Document, Passage, TopicMatch, document_id

REPO = Path(__file__).resolve().parents[2]


def pdf_bytes(pages: list[str], title: str) -> bytes:
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_creation_date(datetime(2022, 11, 1, 9, 0, tzinfo=timezone.utc))
    pdf.set_font("Helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def pptx_bytes(slides: list[tuple[str, str]], title: str) -> bytes:
    deck = Presentation()
    for index, (heading, body) in enumerate(slides):
        slide = deck.slides.add_slide(deck.slide_layouts[0 if index == 0 else 1])
        slide.shapes.title.text = heading
        if body:
            slide.placeholders[1].text = body
    deck.core_properties.title = title
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def write_mini_corpus(root: Path) -> Path:
    """Two meetings and a loose note, in every format whose page numbers matter."""
    root.mkdir(parents=True, exist_ok=True)
    # the sample corpus's DK2020 taxonomy and entity list
    for name in ("taxonomy.toml", "entities.toml"):
        (root / name).write_bytes((REPO / "corpus" / name).read_bytes())

    partners = root / "2021-04-29-erhvervspartnerskaber"
    partners.mkdir()
    (partners / "meeting.toml").write_text(
        'title = "Erhvervspartnerskaber og sektorkobling"\ndate = 2021-04-29\n'
        'themes = ["Erhvervspartnerskaber og sektorkobling"]\n'
        'organizations = ["Dansk Industri", "Kalundborg Forsyning"]\n',
        "utf-8",
    )
    (partners / "nyhed.html").write_text(
        "<html><head><title>Netværksmøde om erhvervspartnerskaber</title></head><body>"
        "<h1>Netværksmøde om erhvervspartnerskaber</h1>"
        "<p>Kommunernes erhvervspartnerskaber og samarbejde med virksomheder. Et partnerskab "
        "kræver tillid. Kalundborg Forsyning fortæller om bæredygtigt samarbejde.</p></body></html>",
        "utf-8",
    )
    (partners / "kalundborg-case.pptx").write_bytes(pptx_bytes(
        [
            ("Kalundborg Forsyning", "Et kommunalt forsyningsselskab"),
            ("Symbiose", "Overskudsvarme fra industrien deles mellem virksomheder"),
            ("Fangst af CO2", "Pilotprojekt med CO2-fangst ved kraftvarmeværket"),
        ],
        title="Kalundborg Forsyning som partner",
    ))

    cloudburst = root / "2022-11-08-klimatilpasning-og-skybrud"
    cloudburst.mkdir()
    (cloudburst / "meeting.toml").write_text(
        'title = "Klimatilpasning og skybrud"\ndate = 2022-11-08\n'
        'themes = ["Klimatilpasning"]\n',
        "utf-8",
    )
    (cloudburst / "skybrudsplan-vejle.pdf").write_bytes(pdf_bytes(
        [
            "Vejle Kommune. Indledning om byens vand og risikokort.",
            "Skybrudsplan for midtbyen: veje bliver til vandveje ved ekstremregn.",
            "Skybrudssikring af boligomraader og regnvandsbassiner. Stormflod og havvand.",
        ],
        title="Skybrudsplan for Vejle",
    ))
    (cloudburst / "noter.md").write_text(
        "# Noter fra mødet\n\nRegnvand skal håndteres lokalt. Det er vigtigt for borgerne "
        "at kende planen før næste skybrud.\n",
        "utf-8",
    )

    notes = root / "noter"
    notes.mkdir()
    (notes / "gylle.txt").write_text(
        "Gylleforsuring i landbruget\n\nGylleforsuring reducerer ammoniak og metan fra husdyr. "
        "Landbruget kan bruge gylleforsuring i stalden.\n",
        "utf-8",
    )
    return root


def make_document(
    path: str,
    title: str,
    pages: list[str],
    *,
    format: str = "pdf",
    type: str = "presentation",
    day: date | None = None,
    topics: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    organizations: tuple[str, ...] = (),
    meeting: str | None = None,
    headings: tuple[str | None, ...] = (),
) -> Document:
    passages = tuple(
        Passage(i + 1, text, headings[i] if i < len(headings) else None) for i, text in enumerate(pages)
    )
    return Document(
        id=document_id(path),
        path=path,
        checksum="0" * 64,
        size=sum(len(p) for p in pages),
        format=format,
        type=type,
        title=title,
        published=day,
        meeting_date=day if meeting else None,
        date=day,
        themes=themes,
        topics=tuple(TopicMatch(slug, ()) for slug in topics),
        organizations=organizations,
        passages=passages,
        meeting=meeting,
    )


TAXONOMY = [
    {"slug": "klimatilpasning", "label": "Klimatilpasning", "description": "Skybrud og regnvand."},
    {"slug": "partnerskaber", "label": "Partnerskaber", "description": "Samarbejde."},
    {"slug": "landbrug", "label": "Landbrug", "description": "Landbrug."},
    {"slug": "energi", "label": "Energi", "description": "Energi."},
]


def build_from_documents(index_dir: Path, documents, meetings=(), taxonomy=TAXONOMY) -> Path:
    """A live index generation holding exactly these Documents (no corpus files involved)."""
    generation = store.create_generation(index_dir)
    ix = generation.open()
    with open_writer(ix) as writer:
        for doc in documents:
            writer.put(doc, 0, new=True)
    ix.close()
    meta = generation.meta()
    meta.update(meetings=list(meetings), taxonomy=list(taxonomy), failures=[], last_reindex=0)
    generation.write_meta(meta)
    store.publish(index_dir, generation)
    return index_dir


def library_documents():
    """A dozen documents with known words, dates, types, topics, themes and organisations."""
    m1, m2 = "2021-04-29-erhvervspartnerskaber", "2022-11-08-skybrud"
    return [
        make_document(f"{m2}/skybrudsplan.pdf", "Skybrudsplan for Vejle",
                      ["Indledning om byen.", "Skybrudsplan for midtbyen.", "Skybrudssikring af boliger."],
                      day=date(2022, 11, 8), topics=("klimatilpasning",), themes=("Klimatilpasning",),
                      organizations=("Vejle Kommune",), meeting=m2),
        make_document(f"{m2}/regnvand.pptx", "Regnvand i byen",
                      ["Regnvand", "Lokal afledning af regnvand og skybrud", "Tak"],
                      format="pptx", day=date(2022, 11, 8), topics=("klimatilpasning",),
                      themes=("Klimatilpasning",), meeting=m2),
        make_document(f"{m1}/nyhed.html", "Netværksmøde om erhvervspartnerskaber",
                      ["Kommunernes erhvervspartnerskaber med virksomheder og Kalundborg Forsyning."],
                      format="html", type="announcement", day=date(2021, 4, 22),
                      topics=("partnerskaber",), themes=("Erhvervspartnerskaber og sektorkobling",),
                      organizations=("KL", "Kalundborg Forsyning"), meeting=m1),
        make_document(f"{m1}/kalundborg.pptx", "Kalundborg Forsyning som partner",
                      ["Kalundborg Forsyning", "Partnerskaber i symbiosen", "CO2-fangst ved værket"],
                      format="pptx", day=date(2021, 4, 29), topics=("partnerskaber", "energi"),
                      themes=("Erhvervspartnerskaber og sektorkobling",),
                      organizations=("Kalundborg Forsyning",), meeting=m1),
        make_document(f"{m1}/di-rapport.pdf", "Sektorkobling og partnerskaber",
                      ["Dansk Industri om sektorkobling.", "Et partnerskab om varmepumper og fjernvarme.",
                       "Fangst af CO2 og lagring i undergrunden."],
                      type="report", day=date(2021, 3, 1), topics=("energi", "partnerskaber"),
                      themes=("Erhvervspartnerskaber og sektorkobling",),
                      organizations=("Dansk Industri",), meeting=m1),
        make_document("noter/gylle.txt", "Gylleforsuring i landbruget",
                      ["Gylleforsuring reducerer ammoniak fra husdyr. Bæredygtigt landbrug."],
                      format="text", type="other", day=date(2020, 10, 1), topics=("landbrug",)),
        make_document("noter/varme.md", "Store varmepumper",
                      ["Varmepumper i fjernvarmen. Før og efter omstillingen."],
                      format="markdown", type="other", day=date(2019, 10, 3), topics=("energi",)),
        make_document("noter/udateret.md", "Notat uden dato",
                      ["Regnvand og grønne tage for en bæredygtig by."],
                      format="markdown", type="other", day=None, topics=("klimatilpasning",)),
    ] + [
        make_document(f"noter/cykel-{n:02d}.md", f"Cykelstier del {n}",
                      [f"Cykelstier og supercykelstier i kommunen, del {n}."],
                      format="markdown", type="minutes", day=date(2018, 1, n + 1))
        for n in range(1, 13)
    ]


def searcher(service):
    """search(q, **params) -> the search JSON of `service`, params as in a request (a list for a
    parameter given several times; date_from and date_to for the from and to dates)."""

    def run(q: str = "", **params):
        values = {"q": [q]}
        for key, value in params.items():
            key = {"date_from": "from", "date_to": "to"}.get(key, key)
            values[key] = value if isinstance(value, list) else [str(value)]
        return service.search(parse_search_params(values))

    return run
