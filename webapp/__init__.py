"""The klimaviden web app: Danish search pages and a JSON API over the same search service.

Run it with `gunicorn 'webapp:create_app()'` or `klimaviden serve`; the corpus and index come from
KLIMAVIDEN_CORPUS / KLIMAVIDEN_INDEX (see klimaviden.config) unless `config` overrides them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from klimaviden.config import resolve_settings
from webapp import auth
from webapp.links import check_base_url


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    settings = resolve_settings()
    app.config.from_mapping(
        CORPUS_DIR=settings.corpus,
        INDEX_DIR=settings.index,
        DATA_DIR=settings.data,   # page images, accounts, sessions, audit trail; never inside the index
        PER_PAGE=10,          # results per HTML page
        FEED_ENTRIES=50,      # newest documents in an Atom feed
        EXPORT_LIMIT=1000,    # rows in a CSV export
        BASE_URL=settings.base_url,  # absolute links in feeds and exports; relative without it
        **auth.env_config(),  # sign-in, proxy, upload limit and trash settings from KLIMAVIDEN_*
    )
    if config:
        app.config.from_mapping(config)
    app.config["CORPUS_DIR"] = Path(app.config["CORPUS_DIR"]).resolve()
    app.config["INDEX_DIR"] = Path(app.config["INDEX_DIR"]).resolve()
    app.config["BASE_URL"] = check_base_url(app.config["BASE_URL"])
    app.config["DATA_DIR"] = Path(app.config["DATA_DIR"]).resolve()
    if app.config["DATA_DIR"].is_relative_to(app.config["INDEX_DIR"]):
        raise ValueError(f"Datamappen må ikke ligge i indeksmappen: {app.config['DATA_DIR']}")
    app.json.ensure_ascii = False
    app.json.sort_keys = False

    from webapp import api, backend, curation, errors, pages, security, templating

    backend.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    auth.init_app(app)
    curation.init_app(app)
    return app
