"""The command line speaks Danish to people: results, records, figures, errors, and `serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request

from click.testing import CliRunner

from klimaviden.cli import main
from klimaviden.terminal import format_reindex_summary, format_results, format_stats

ENGLISH = ("added", "updated", "deleted", "failed", "documents", "passages", "announcement",
           "presentation", "meeting", "themes", "Error", "serves")


def test_search_results_read_in_danish(built_index):
    args = ["search", "skybrud", "--index", str(built_index.index), "--corpus", str(built_index.corpus)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith(tuple("0123456789")) and "dokument" in first and "»skybrud«" in first
    assert "præsentation" in result.output
    assert not any(f" {word}" in result.output for word in ("announcement", "presentation", "report", "minutes"))


def test_a_filter_only_listing_names_no_page():
    hit = {"title": "T", "path": "m/a.pdf", "type": "report", "date": None, "page": 1, "snippet": ""}
    text = format_results({"query": "", "total": 1, "page": 1, "per_page": 10, "results": [hit]})
    assert "side 1" not in text.split("\n", 1)[1]
    assert "uden dato · rapport · m/a.pdf" in text


def test_a_section_hit_names_its_heading():
    hit = {"title": "T", "path": "m/a.docx", "type": "minutes", "date": "2021-04-29", "page": None,
           "section": {"number": 2, "heading": "Oplæg fra KL", "anchor": "afsnit-2"}, "snippet": ""}
    text = format_results({"query": "kl", "total": 1, "page": 1, "per_page": 10, "results": [hit]})
    assert "referat, afsnit »Oplæg fra KL«" in text


def test_a_relaxed_phrase_is_said_in_the_readable_list():
    hit = {"title": "T", "path": "m/a.md", "type": "minutes", "date": None, "page": None, "snippet": ""}
    result = {"query": '"fossilfri busdrift"', "total": 1, "page": 1, "per_page": 10, "results": [hit]}
    assert "tæt på hinanden" not in format_results(result)
    assert "tæt på hinanden" in format_results({**result, "phrase_relaxed": True}).splitlines()[1]


def test_reindex_summary_and_stats_are_danish():
    line = format_reindex_summary({"added": 3, "updated": 1, "deleted": 0, "unchanged": 41, "skipped": 2,
                                   "failed": [{}], "documents": 45, "passages": 312, "seconds": 2.44})
    assert line == ("3 tilføjet, 1 opdateret, 0 slettet, 41 uændret, 2 sprunget over, 1 fejlet; "
                    "45 dokumenter, 312 tekstafsnit på 2,4 s")
    stats = format_stats({"documents": 39, "refused_run": None, "topics": {"energi": 7}, "last_failures": []})
    assert stats.splitlines() == ["Dokumenter: 39", "Afvist indeksering: -", "Dokumenter pr. DK2020-emne:",
                                  "  energi: 7", "Filer, der ikke kunne læses ved sidste indeksering: 0"]


def test_our_usage_errors_say_fejl(tmp_path):
    missing = tmp_path / "findes-ikke"
    result = CliRunner().invoke(main, ["stats", "--corpus", str(missing), "--index", str(tmp_path / "i")])
    assert result.exit_code == 2
    assert result.output.startswith("Fejl: ")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_on_a_busy_port_says_so_in_danish_and_exits_2(built_index):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = ["serve", "--port", str(port), "--index", str(built_index.index), "--corpus", str(built_index.corpus)]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "optaget" in result.output and "--port" in result.output and "PORT=" in result.output
    assert "kører på" not in result.output, "no URL is announced that does not answer"


def test_serve_announces_its_url_once_it_listens(built_index):
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    args = [sys.executable, "-c", "from klimaviden.cli import main; main()", "serve", "--port", str(port),
            "--index", str(built_index.index), "--corpus", str(built_index.corpus)]
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        line = server.stdout.readline()
        assert line.startswith(f"Klimaviden kører på http://127.0.0.1:{port}/")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stdout.close()


def test_serve_refuses_a_data_folder_inside_the_index(built_index):
    args = ["serve", "--data", str(built_index.index / "sider"), "--index", str(built_index.index),
            "--corpus", str(built_index.corpus)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.startswith("Fejl: Datamappen må ikke ligge i indeksmappen")
