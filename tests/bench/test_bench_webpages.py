"""bench/webpages.py: the HTML-only corpus and the plain indexer the full build is measured against."""

from __future__ import annotations

import random
import sqlite3

from bench import sitepage, webpages
from bench.textgen import DocText, Section

ARTICLE = DocText("Solceller på skolernes tage", "5. maj 2022",
                  (Section("", ("Kommunen sætter solceller op på ni skoler i løbet af sommeren.",)),))


def test_the_plain_indexer_reads_all_text_of_the_pages_into_fts5(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "2022-05-05-sol").mkdir(parents=True)
    (corpus / "2022-05-05-sol" / "meeting.toml").write_text('title = "Sol"\ndate = 2022-05-05\n', "utf-8")
    (corpus / "2022-05-05-sol" / "nyhed.html").write_bytes(sitepage.page(ARTICLE, random.Random(3)).encode())
    (corpus / "2022-05-05-sol" / "noter.txt").write_text("Ikke en webside.", "utf-8")
    pages = webpages.html_only_corpus(corpus, tmp_path / "html")
    assert pages == ["2022-05-05-sol/nyhed.html"]
    assert (tmp_path / "html" / "2022-05-05-sol" / "meeting.toml").exists()
    result = webpages.plain_index(tmp_path / "html", pages, tmp_path / "plain.sqlite")
    assert result["files"] == 1
    db = sqlite3.connect(tmp_path / "plain.sqlite")
    try:
        # plain text of the whole body: the article and the template alike, scripts left out
        assert db.execute("SELECT count(*) FROM pages WHERE pages MATCH 'solceller'").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM pages WHERE pages MATCH 'Vinterbadning'").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM pages WHERE pages MATCH 'dataLayer'").fetchone()[0] == 0
        assert db.execute("SELECT title FROM pages").fetchone()[0].startswith("Solceller på skolernes tage |")
    finally:
        db.close()


def test_scanned_pdfs_are_a_format_of_their_own():
    groups = webpages.format_groups(["b/referat.pdf", "a/nyhed.html", "a/scan.pdf", "a/oplaeg.pdf"], ["a/scan.pdf"])
    assert groups == {"html": ["a/nyhed.html"], "pdf": ["a/oplaeg.pdf", "b/referat.pdf"],
                      webpages.SCANNED: ["a/scan.pdf"]}
    assert webpages.format_groups(["a/scan.pdf"]) == {"pdf": ["a/scan.pdf"]}
