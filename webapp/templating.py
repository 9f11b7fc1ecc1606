"""Jinja filters that put the index's English and ISO values into Danish words."""

from __future__ import annotations

from flask import Flask

from ingest.normalize import slugify
from webapp import formatting, messages, reading


def init_app(app: Flask) -> None:
    app.jinja_env.filters.update(
        danish_date=formatting.danish_date,
        iso_date=formatting.iso_date,
        type_label=formatting.type_label,
        format_label=formatting.format_label,
        passage_label=formatting.passage_label,
        file_size=formatting.file_size,
        meta_label=formatting.meta_label,
        source_label=messages.source_label,
    )
    app.jinja_env.globals.update(
        count_label=formatting.count_label,
        is_pdf=formatting.is_pdf,
        printed_page=formatting.printed_page,
        theme_slug=slugify,
        document_href=reading.document_href,
        presenter_names=formatting.presenter_names,
        presenter_name=formatting.presenter_name,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
