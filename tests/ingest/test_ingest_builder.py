"""The record: which source wins for title, type, dates, themes, organisations and places."""

from datetime import date

from ingest.builder import Context, FileFacts, build_document
from ingest.document import Document, Passage, Presenter, document_id
from ingest.entities import parse_entities
from ingest.extracted import Extracted
from ingest.meetings import Meeting
from ingest.sidecar import Sidecar
from ingest.taxonomy import parse_taxonomy
from ingest_files import TOPIC_TERMS

CONTEXT = Context(
    topics=parse_taxonomy({"topic": [{"slug": s, "label": s, "terms": t} for s, t in TOPIC_TERMS.items()]}),
    entities=parse_entities(
        {"organization": [{"name": "KL"}, {"name": "Dansk Industri", "aliases": ["DI"]},
                          {"name": "Kalundborg Forsyning", "aliases": ["Kalundborg Forsyningen"]}],
         "place": [{"name": "Middelfart"}, {"name": "København"}]}
    ),
)
MEETING = Meeting(
    id="2021-04-29-erhvervspartnerskaber",
    title="Erhvervspartnerskaber og sektorkobling",
    date=date(2021, 4, 29),
    place="København",
    themes=("Erhvervspartnerskaber og sektorkobling",),
    organizations=("Dansk Industri", "Kalundborg Forsyning", "KL"),
    date_source="meeting.toml",
)


def build(extracted, relpath="nyhed.txt", meeting=None, sidecar=None):
    return build_document(FileFacts(relpath, "abc", 10), extracted, CONTEXT, meeting, sidecar)


def text_doc(text, title="Netværket stiller skarpt"):
    return Extracted("text", (Passage(1, text),), (title,))


def test_loose_news_text_is_understood_from_the_text_alone(seed_news):
    doc = build(text_doc(seed_news))
    assert doc.type == "announcement"
    assert (doc.published, dict(doc.meta)["published_source"]) == (date(2021, 4, 22), "text:dateline")
    assert doc.meeting_date == date(2021, 4, 29)
    assert (doc.date, doc.date_source) == (date(2021, 4, 29), "text:netværksmøde")
    assert doc.themes == (
        "Kommunernes partnerskaber med erhvervslivet, sektorkoblinger og de syv nye regionale vækstteams",
    )
    assert doc.organizations == ("KL", "Dansk Industri", "Kalundborg Forsyning")
    assert doc.places == ("Middelfart",)
    assert {"partnerskaber", "erhverv"} <= set(doc.topic_slugs)
    assert doc.meeting is None


def test_meeting_folder_facts_are_inherited(seed_news):
    doc = build(text_doc(seed_news), "2021-04-29-erhvervspartnerskaber/invitation.txt", meeting=MEETING)
    assert (doc.meeting_date, doc.date, doc.date_source) == (date(2021, 4, 29), date(2021, 4, 29), "meeting.toml")
    assert doc.published == date(2021, 4, 22)
    assert doc.themes == ("Erhvervspartnerskaber og sektorkobling",)
    assert doc.organizations == ("KL", "Dansk Industri", "Kalundborg Forsyning")  # named in the text
    assert doc.places == ("København", "Middelfart")
    assert doc.meeting == "2021-04-29-erhvervspartnerskaber"


def test_the_meetings_organisations_are_not_inherited():
    # issue 12: every document of a meeting listed the meeting's organisations, so filtering on
    # "KL" returned almost everything; a document now counts only for the organisations it names
    doc = build(text_doc("Oplæg om sektorkobling fra Dansk Industri."), "2021-04-29-x/oplaeg.txt", meeting=MEETING)
    assert doc.organizations == ("Dansk Industri",)
    assert MEETING.organizations == ("Dansk Industri", "Kalundborg Forsyning", "KL")  # the meeting keeps its list


def test_author_metadata_names_an_organisation():
    extracted = Extracted("docx", (Passage(1, "Analyse af noget"),), ("Analyse",), authors=("Kalundborg Forsyning",))
    assert build(extracted, "a.docx").organizations == ("Kalundborg Forsyning",)


def test_sidecar_overrides_everything_extracted(seed_news):
    sidecar = Sidecar(
        title="DI: Sektorkobling", type="report", published=date(2021, 3, 24), meeting_date=date(2021, 4, 30),
        themes=("Sektorkobling",), organizations=("Dansk Industri",), places=("Aalborg",),
    )
    doc = build(text_doc(seed_news), "m/r.txt", meeting=MEETING, sidecar=sidecar)
    assert (doc.title, doc.type, doc.published) == ("DI: Sektorkobling", "report", date(2021, 3, 24))
    assert (doc.meeting_date, doc.date_source) == (date(2021, 4, 30), "sidecar")
    assert dict(doc.meta)["published_source"] == "sidecar"
    assert doc.themes == ("Sektorkobling",)
    assert doc.organizations[0] == "Dansk Industri" and doc.places[0] == "Aalborg"


def test_html_metadata_beats_a_dateline_for_publication():
    extracted = Extracted("html", (Passage(1, "1. januar 2020\nTekst"),), ("X",), (("html-meta", date(2021, 4, 22)),))
    doc = build(extracted, "n.html")
    assert (doc.published, doc.date_source) == (date(2021, 4, 22), "html-meta")


def test_a_dateline_beats_file_metadata():
    extracted = Extracted("pdf", (Passage(1, "Rapport\n24. marts 2021"),), ("Rapport",), (("pdf-metadata", date(2026, 1, 1)),))
    assert build(extracted, "r.pdf").published == date(2021, 3, 24)


def test_an_implausible_file_metadata_date_is_no_date():
    # a tool's default creation date (1980-01-01) is not when the report was published
    extracted = Extracted("pdf", (Passage(1, "Klimaregnskab\nMål for 2030"),), ("Rapport",), (("pdf-metadata", date(1980, 1, 1)),))
    doc = build(extracted, "r.pdf")
    assert (doc.published, doc.date) == (None, None)


def test_a_month_on_the_cover_takes_the_metadata_day_in_that_month():
    extracted = Extracted("pdf", (Passage(1, "Lavbund\nMaj 2022"),), ("Lavbund",), (("pdf-metadata", date(2022, 5, 18)),))
    doc = build(extracted, "r.pdf")
    assert (doc.published, doc.published_precision) == (date(2022, 5, 18), "day")


def test_a_month_only_dateline_is_stored_as_the_first_with_month_precision():
    doc = build(text_doc("Klimanyt marts 2022\n\nNyt om energifællesskaber."), "nyt.txt")
    assert (doc.published, doc.published_precision) == (date(2022, 3, 1), "month")
    assert Document.from_dict(doc.as_dict()) == doc


def test_file_metadata_date_is_used_and_said_so():
    extracted = Extracted("pdf", (Passage(1, "Rapport uden dato"),), ("Rapport",), (("pdf-metadata", date(2021, 3, 24)),))
    doc = build(extracted, "r.pdf")
    assert (doc.date, doc.date_source) == (date(2021, 3, 24), "pdf-metadata")


def test_no_date_anywhere_means_no_date():
    doc = build(text_doc("Noter uden dato."), "noter/x.txt")
    assert (doc.published, doc.meeting_date, doc.date, doc.date_source) == (None, None, None, None)


def test_title_falls_back_to_the_file_name():
    doc = build(Extracted("text", (Passage(1, "tekst"),)), "noter/moede_noter-2021.txt")
    assert doc.title == "Moede noter 2021"


def test_record_identity_and_round_trip(seed_news):
    doc = build(text_doc(seed_news), "2021-04-29-x/invitation.txt", meeting=MEETING)
    assert doc.id == document_id("2021-04-29-x/invitation.txt")
    assert (doc.path, doc.checksum, doc.size, doc.format) == ("2021-04-29-x/invitation.txt", "abc", 10, "text")
    assert Document.from_dict(doc.as_dict()) == doc
    as_dict = doc.as_dict()
    assert as_dict["date"] == "2021-04-29" and as_dict["meta"]["meeting_date_source"] == "meeting.toml"
    assert all(t["terms"] for t in as_dict["topics"])



def slides(first_slide, title="Fjernvarmens udbygning"):
    return Extracted("pptx", (Passage(1, first_slide, title), Passage(2, "Fjernvarme og varmepumper")), (title,),
                     hints=("slides",))


def test_the_title_slide_names_the_presenter():
    doc = build(slides("Henrik Bro, chefkonsulent, Dansk Fjernvarme\nNetværksmøde 16. marts 2023"), "m/f.pptx")
    assert [p.as_dict() for p in doc.presenters] == [
        {"name": "Henrik Bro", "role": "chefkonsulent", "organization": "Dansk Fjernvarme"}]
    assert Document.from_dict(doc.as_dict()) == doc


def test_without_a_name_on_the_slide_the_meetings_programme_names_the_presenter():
    from dataclasses import replace

    from ingest.presenters import parse_programme

    programme = parse_programme("11.00 Fjernvarmens udbygning - status v/ Henrik Bro, chefkonsulent, Dansk Fjernvarme")
    meeting = replace(MEETING, programme=programme)
    doc = build(slides("Status fra branchen"), f"{MEETING.id}/f.pptx", meeting=meeting)
    assert [p.name for p in doc.presenters] == ["Henrik Bro"]
    assert build(slides("Status fra branchen"), f"{MEETING.id}/f.pptx", meeting=MEETING).presenters == ()


def test_documents_that_are_not_talks_have_no_presenters():
    doc = build(text_doc("Referat\n\nOplæg ved Sara Vinther, Realdania, om lokale fællesskaber."), "m/referat.txt")
    assert doc.type == "minutes" and doc.presenters == ()


def test_sidecar_presenters_and_topics_replace_extraction():
    sidecar = Sidecar(presenters=(Presenter("Poul Erik Bak"),), topics=("landbrug",))
    doc = build(slides("Henrik Bro, chefkonsulent"), "m/f.pptx", sidecar=sidecar)
    assert doc.presenters == (Presenter("Poul Erik Bak"),)
    assert [(t.slug, t.found_in) for t in doc.topics] == [("landbrug", ("sidecar",))]


def test_news_in_a_meeting_folder_published_before_the_meeting_announces_it():
    extracted = Extracted("html", (Passage(1, "Partnerskaber og erhverv."),), ("Netværket",),
                          (("html-meta", date(2021, 4, 22)),), ("news-page",))
    assert build(extracted, f"{MEETING.id}/nyhed.html", meeting=MEETING).type == "announcement"
    assert build(extracted, "noter/nyhed.html").type == "news"
