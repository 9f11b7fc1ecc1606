"""The app factory: settings from the environment, overrides, one search service, gunicorn."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from web_corpus import REPO

from webapp import create_app
from webapp.backend import EXTENSION


def test_defaults_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KLIMAVIDEN_CORPUS", str(tmp_path / "c"))
    monkeypatch.setenv("KLIMAVIDEN_INDEX", str(tmp_path / "i"))
    app = create_app()
    assert app.config["CORPUS_DIR"] == tmp_path / "c"
    assert app.config["INDEX_DIR"] == tmp_path / "i"


def test_config_overrides_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KLIMAVIDEN_INDEX", str(tmp_path / "from-env"))
    app = create_app({"INDEX_DIR": tmp_path / "given", "TESTING": True})
    assert app.config["INDEX_DIR"] == tmp_path / "given"
    assert app.testing


def test_one_search_service_per_app(sample_app):
    client = sample_app.test_client()
    client.get("/api/topics")
    service = sample_app.extensions[EXTENSION].get()
    client.get("/?q=energi")
    assert sample_app.extensions[EXTENSION].get() is service


def test_blueprints_are_registered(sample_app):
    assert {"pages", "api"} <= set(sample_app.blueprints)


def test_gunicorn_serves_the_app_factory(built_index, tmp_path):
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed next to this Python")
    env = dict(os.environ, KLIMAVIDEN_CORPUS=str(built_index.corpus), KLIMAVIDEN_INDEX=str(built_index.index))
    log = tmp_path / "gunicorn.log"
    with open(log, "w") as log_file:
        process = subprocess.Popen(
            [str(gunicorn), "--chdir", str(REPO), "--bind", "127.0.0.1:0", "--workers", "1",
             "--no-control-socket", "webapp:create_app()"],
            stdout=log_file, stderr=subprocess.STDOUT, env=env,
        )
    try:
        port = None
        deadline = time.monotonic() + 20
        while port is None and time.monotonic() < deadline:
            match = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text())
            port = match and int(match.group(1))
            time.sleep(0.1)
        assert port, log.read_text()
        body = None
        while body is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    body = response.read()
            except OSError:
                time.sleep(0.2)
        assert body and b'"ok":true' in body.replace(b" ", b"")
    finally:
        process.terminate()
        process.wait(timeout=10)
