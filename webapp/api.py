"""The JSON API, the health check, and a search as an Atom feed or a CSV file."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from flask import Blueprint, Response, current_app, jsonify, request

from index.errors import ConfigError, IndexDamaged
from index.query import parse_search_params
from webapp.backend import all_results, get_service
from webapp.errors import NotFound
from webapp.export import XLSX_MIMETYPE, results_csv, results_xlsx
from webapp.feeds import atom_feed, atom_timestamp
from webapp.links import link_for
from webapp.params import SearchLinks, clean_args

bp = Blueprint("api", __name__)

def _topic_labels(service) -> dict[str, str]:
    return {t["slug"]: t["label"] for t in service.topics()}


def _parsed_request(service, **overrides):
    """The SearchRequest for this request's query string (InvalidRequest -> 400), with overrides."""
    args = clean_args(request.args.to_dict(flat=False))
    search_req = parse_search_params(args, valid_topics=set(_topic_labels(service)))
    return args, dataclasses.replace(search_req, **overrides) if overrides else search_req


def _document_url(doc_id: str) -> str:
    return link_for("pages.document", doc_id=doc_id)


@bp.get("/api/search")
def search():
    service = get_service()
    _, search_req = _parsed_request(service)
    return jsonify(service.search(search_req))


@bp.get("/api/documents/<doc_id>")
def document(doc_id: str):
    doc = get_service().document(doc_id)
    if doc is None:
        raise NotFound(f"Der findes intet dokument med id '{doc_id}'.")
    return jsonify(doc)


@bp.get("/api/meetings")
def meetings():
    return jsonify(get_service().meetings())


@bp.get("/api/meetings/<meeting_id>")
def meeting(meeting_id: str):
    found = get_service().meeting(meeting_id)
    if found is None:
        raise NotFound(f"Der findes intet møde med id '{meeting_id}'.")
    return jsonify(found)


@bp.get("/api/topics")
def topics():
    return jsonify(get_service().topics())


@bp.get("/healthz")
def health():
    """For monitors: 200 while searches are answered (a refused reindex is reported, not fatal),
    503 with status "damaged" when the index is damaged (a missing index is the usual 503)."""
    try:
        state = get_service().health()
    except (IndexDamaged, ConfigError) as exc:
        return _unhealthy("damaged", str(exc))
    status = "refused" if state.get("refused_run") else "ok"
    return jsonify({"ok": True, "status": status, **state})


def _unhealthy(status: str, error: str):
    response = jsonify({"ok": False, "status": status, "error": error})
    response.status_code = 503
    return response


@bp.get("/feed.atom")
def feed():
    """The newest documents matching a search, for a feed reader."""
    service = get_service()
    args, search_req = _parsed_request(
        service, sort="date", page=1, per_page=current_app.config["FEED_ENTRIES"]
    )
    result = service.search(search_req)
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    updated = atom_timestamp(service.health().get("last_reindex"), now)
    site_links = SearchLinks(link_for("pages.search"), args)
    title = f"Klimaviden: {search_req.q}" if search_req.q else "Klimaviden: nyeste materiale"
    body = atom_feed(
        result,
        title=title,
        feed_url=SearchLinks(link_for("api.feed"), args).current(),
        site_url=site_links.current(),
        document_url=_document_url,
        topic_labels=_topic_labels(service),
        updated=updated,
    )
    return Response(body, mimetype="application/atom+xml")


def _export_rows(service) -> list[dict]:
    """Every matching document (up to EXPORT_LIMIT); page and per_page are not used."""
    _, search_req = _parsed_request(service)
    return all_results(service, search_req, current_app.config["EXPORT_LIMIT"])


def _download(body, mimetype: str, filename: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@bp.get("/export.csv")
def export():
    """The search as CSV; `excel=1` separates cells with ";" for Excel with Danish settings."""
    service = get_service()
    excel = request.args.get("excel") == "1"
    body = results_csv(
        _export_rows(service), document_url=_document_url, topic_labels=_topic_labels(service), excel=excel
    )
    return _download(body, "text/csv", "klimaviden-soegning.csv")


@bp.get("/export.xlsx")
def export_xlsx():
    """The search as an Excel workbook, with the same columns and cells as the CSV."""
    service = get_service()
    body = results_xlsx(_export_rows(service), document_url=_document_url, topic_labels=_topic_labels(service))
    return _download(body, XLSX_MIMETYPE, "klimaviden-soegning.xlsx")
