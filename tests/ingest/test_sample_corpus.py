"""Every document of the committed sample corpus becomes a complete record."""

import shutil
from datetime import date

import pytest

from ingest.document import DOCUMENT_TYPES
from ingest.errors import IngestError
from ingest.pipeline import extract_many, scan_corpus


def extract_all(corpus_dir, unreadable=frozenset()):
    scan = scan_corpus(corpus_dir)
    return scan, dict(extract_many(corpus_dir, [f.relpath for f in scan.files if f.relpath not in unreadable]))


@pytest.fixture(scope="module")
def sample(sample_corpus, unreadable_samples):
    if not (sample_corpus / "taxonomy.toml").exists():
        pytest.skip("the sample corpus is not there yet")
    return extract_all(sample_corpus, unreadable_samples)


@pytest.fixture(scope="module")
def files_alone(sample_corpus, tmp_path_factory, unreadable_samples):
    """The sample files without meeting folders, meeting.toml or sidecars: only what the files say."""
    if not (sample_corpus / "taxonomy.toml").exists():
        pytest.skip("the sample corpus is not there yet")
    flat = tmp_path_factory.mktemp("flat")
    for name in ("taxonomy.toml", "entities.toml"):
        shutil.copy(sample_corpus / name, flat / name)
    for corpus_file in scan_corpus(sample_corpus).files:
        if corpus_file.relpath in unreadable_samples:
            continue
        shutil.copy(corpus_file.abspath, flat / corpus_file.relpath.replace("/", "__"))
    return extract_all(flat)[1]


def test_every_sample_document_extracts(sample):
    scan, results = sample
    assert len(scan.files) >= 30
    failures = {path: r.reason for path, r in results.items() if isinstance(r, IngestError)}
    assert failures == {}


def test_every_sample_document_has_title_type_date_and_topic(sample):
    _, results = sample
    incomplete = {
        path: [field for field, ok in (("title", doc.title), ("type", doc.type in DOCUMENT_TYPES),
                                       ("date", doc.date), ("topic", doc.topics)) if not ok]
        for path, doc in results.items()
    }
    assert {path: missing for path, missing in incomplete.items() if missing} == {}


def test_every_format_is_in_the_sample(sample):
    _, results = sample
    assert {doc.format for doc in results.values()} == {"html", "text", "markdown", "pdf", "pptx", "docx"}


def test_the_29_april_2021_meeting(sample):
    _, results = sample
    meeting = {path: doc for path, doc in results.items() if path.startswith("2021-04-29-")}
    assert {doc.meeting_date for doc in meeting.values()} == {date(2021, 4, 29)}
    news = [doc for doc in meeting.values() if doc.format == "html"]
    assert news and all(doc.type == "announcement" and doc.published < date(2021, 4, 29) for doc in news)
    minutes = [doc for doc in meeting.values() if doc.format == "docx"]
    assert minutes and all(doc.type == "minutes" for doc in minutes)
    assert all(doc.type in ("presentation", "case") for doc in meeting.values() if doc.format == "pptx")
    assert any("Dansk Industri" in doc.organizations for doc in meeting.values())
    assert any("co2-fangst" in doc.topic_slugs for doc in meeting.values())


def test_the_files_alone_carry_title_type_and_topic(files_alone):
    incomplete = [path for path, doc in files_alone.items()
                  if isinstance(doc, IngestError) or not (doc.title and doc.type and doc.topics)]
    assert incomplete == []


def test_the_files_alone_mostly_carry_their_date(files_alone):
    undated = [path for path, doc in files_alone.items() if doc.date is None]
    assert len(undated) <= len(files_alone) // 10, undated
    assert all(doc.date_source for doc in files_alone.values() if doc.date)


def test_every_sample_presentation_names_its_presenter(sample):
    _, results = sample
    talks = {path: doc for path, doc in results.items() if doc.type in ("presentation", "case")}
    assert talks and [path for path, doc in talks.items() if not doc.presenters] == []
    case = results["2021-04-29-erhvervspartnerskaber/kalundborg-forsyning-case.pptx"]
    assert [p.as_dict() for p in case.presenters] == [
        {"name": "Lone Vestergaard Holm", "role": "udviklingschef", "organization": "Kalundborg Forsyning"}]


def test_sample_documents_count_only_for_organisations_they_name(sample, sample_corpus):
    # issue 12: "KL" was on 38 of 39 documents because every document inherited its meeting's list
    _, results = sample
    with_kl = [path for path, doc in results.items() if "KL" in doc.organizations]
    assert len(with_kl) < len(results) * 2 // 3
    slides = results["2021-04-29-erhvervspartnerskaber/nordjysk-vaekstteam-co2-fangst.pptx"]
    assert "Kalundborg Forsyning" not in slides.organizations and "KL" not in slides.organizations
