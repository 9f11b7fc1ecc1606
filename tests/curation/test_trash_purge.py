"""`klimaviden trash purge`: what cron runs so removed files stay in the trash only as long as the
retention time says, each deletion in the audit trail."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from click.testing import CliRunner

from curation import trash
from klimaviden.cli import main


def corpus_with_trash(tmp_path):
    corpus = tmp_path / "corpus"
    folder = corpus / "2024-05-01-moede"
    folder.mkdir(parents=True)
    for name in ("gammel.txt", "ny.txt"):
        (folder / name).write_text("Notat om fjernvarme.\n", encoding="utf-8")
    now = datetime.now(timezone.utc)
    old = trash.remove(corpus, "2024-05-01-moede/gammel.txt", "anne", now=now - timedelta(days=100))
    new = trash.remove(corpus, "2024-05-01-moede/ny.txt", "anne", now=now - timedelta(days=10))
    return corpus, old, new


def run(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env or {}, catch_exceptions=False)


def test_purge_deletes_only_what_is_older_than_the_retention_and_audits_it(tmp_path):
    corpus, old, new = corpus_with_trash(tmp_path)
    data = tmp_path / "data"
    result = run("trash", "purge", "--corpus", str(corpus), "--data", str(data), "--json")
    assert result.exit_code == 0, result.output
    assert [e["relpath"] for e in json.loads(result.output)] == [old.relpath]
    assert [e.id for e in trash.entries(corpus)] == [new.id]
    rows = json.loads(run("audit", "--json", "--data", str(data)).output)
    assert [(r["action"], r["target"]) for r in rows] == [("purge", old.relpath)]


def test_the_retention_comes_from_the_option_or_the_environment(tmp_path):
    corpus, _, _ = corpus_with_trash(tmp_path)
    data = str(tmp_path / "data")
    assert run("trash", "purge", "--corpus", str(corpus), "--data", data, "--json",
               env={"KLIMAVIDEN_TRASH_DAYS": "200"}).output.strip() == "[]"
    result = run("trash", "purge", "--corpus", str(corpus), "--data", data, "--days", "5", "--json")
    assert len(json.loads(result.output)) == 2 and trash.entries(corpus) == []


def test_a_missing_corpus_is_a_usage_error(tmp_path):
    result = run("trash", "purge", "--corpus", str(tmp_path / "nowhere"), "--data", str(tmp_path / "data"))
    assert result.exit_code == 2 and "korpusmappen findes ikke" in result.output
