"""The Danish pages: search, document, meeting, timeline, topics, help, and the original files."""

from __future__ import annotations

import hashlib
import io
import re
from itertools import groupby

from flask import Blueprint, current_app, render_template, request, send_file, send_from_directory, url_for

from index.errors import InvalidRequest
from index.query import MAX_PAGE, parse_search_params
from webapp.backend import get_service
from webapp.errors import NotFound
from webapp.disposition import clean_file_name, content_disposition
from webapp.facets import active_filters, build_facets
from webapp.formatting import TYPE_ORDER, file_suffix, is_pdf, parse_iso_date
from webapp.originals import TEXT_SUFFIXES, utf8_body
from webapp.params import SearchLinks, clean_args, has_filters, page_window, query_string
from webapp.security import PDF_FILE_POLICY, SANDBOXED_FILE_POLICY

bp = Blueprint("pages", __name__)

# Document ids are short URL-safe strings (a hash of the path); anything else is unknown.
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")

MIMETYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html",
    "htm": "text/html",
    "txt": "text/plain",
    "md": "text/plain",
}
# Topic badges on a result; the rest are counted ("+3 emner") and listed on the document page.
SHOWN_TOPICS = 4
# Formats a browser shows itself; the rest are downloaded.
INLINE = frozenset({"pdf", "html", "htm", "txt", "md"})


def _topic_labels(service) -> dict[str, str]:
    return {t["slug"]: t["label"] for t in service.topics()}


def search_request(args: dict[str, list[str]], *, valid_topics, per_page: int):
    """The SearchRequest for cleaned URL arguments; the HTML pages default to `per_page` results."""
    params = dict(args)
    params.setdefault("per_page", [str(per_page)])
    return parse_search_params(params, valid_topics=valid_topics)


@bp.get("/")
def search():
    service = get_service()
    topic_labels = _topic_labels(service)
    args = clean_args(request.args.to_dict(flat=False))
    links = SearchLinks(url_for("pages.search"), args)
    query = query_string(args)
    context = {
        "links": links,
        "topic_labels": topic_labels,
        "q": links.value("q"),
        "feed_url": url_for("api.feed") + (f"?{query}" if query else ""),
        "csv_url": url_for("api.export") + (f"?{query}" if query else ""),
    }
    try:
        search_req = search_request(
            args, valid_topics=set(topic_labels), per_page=current_app.config["PER_PAGE"]
        )
    except InvalidRequest as exc:
        filters = active_filters(links, topic_labels=topic_labels, theme_labels={})
        return render_template("search.html", error=str(exc), active=filters, facets=[], **context), 400

    result = service.search(search_req)
    theme_labels = result.get("theme_labels") or {}
    per_page = result.get("per_page") or search_req.per_page
    last_page = min(MAX_PAGE, max(1, -(-int(result.get("total") or 0) // per_page)))
    return render_template(
        "search.html",
        result=result,
        sort=search_req.sort,
        browsing=not search_req.q and not has_filters(args),
        facets=build_facets(
            result.get("facets") or {}, links, topic_labels=topic_labels, theme_labels=theme_labels
        ),
        active=active_filters(links, topic_labels=topic_labels, theme_labels=theme_labels),
        theme_labels=theme_labels,
        theme_slugs={label: slug for slug, label in theme_labels.items()},
        page=search_req.page,
        last_page=last_page,
        pages=page_window(search_req.page, last_page),
        shown_topics=SHOWN_TOPICS,
        **context,
    )


@bp.get("/dokument/<doc_id>")
def document(doc_id: str):
    service = get_service()
    doc = service.document(doc_id) if _ID.match(doc_id) else None
    if doc is None:
        raise NotFound("Dokumentet findes ikke i søgeindekset.")
    passage_numbers = {p.get("number") for p in doc.get("passages") or ()}
    side = request.args.get("side", type=int)
    if side not in passage_numbers:
        side = None
    file_url = url_for("pages.original", doc_id=doc["id"])
    if side and is_pdf(doc.get("format") or doc.get("path")):
        file_url += f"#page={side}"
    meeting = service.meeting(doc["meeting"]) if doc.get("meeting") else None
    return render_template(
        "document.html",
        doc=doc,
        side=side,
        file_url=file_url,
        meeting=meeting,
        topic_labels=_topic_labels(service),
        related=doc.get("related") or [],
    )


@bp.get("/moede/<meeting_id>")
def meeting(meeting_id: str):
    service = get_service()
    # A meeting id is its folder's name, which may hold spaces and æøå; it is only looked up.
    found = service.meeting(meeting_id) if len(meeting_id) <= 255 else None
    if found is None:
        raise NotFound("Mødet findes ikke i søgeindekset.")
    documents = sorted(found.get("documents") or [], key=_reading_order)
    return render_template("meeting.html", meeting=found, documents=documents)


@bp.get("/tidslinje")
def timeline():
    meetings = get_service().meetings()
    years = [(year, list(items)) for year, items in groupby(meetings, key=_meeting_year)]
    return render_template("timeline.html", years=years, meeting_count=len(meetings))


@bp.get("/emner")
def topics():
    return render_template("topics.html", topics=get_service().topics())


@bp.get("/hjaelp")
def help_page():
    return render_template("help.html")


@bp.get("/fil/<doc_id>")
def original(doc_id: str):
    """The original file of an indexed document. The path comes from the index, never from the URL."""
    service = get_service()
    path = service.corpus_file(doc_id) if _ID.match(doc_id) else None
    corpus = current_app.config["CORPUS_DIR"]
    if path is None or not _inside(path, corpus) or not path.is_file():
        raise NotFound("Filen findes ikke.")
    suffix = file_suffix(path.name)
    body = utf8_body(path.read_bytes(), suffix) if suffix in TEXT_SUFFIXES else None
    attachment = suffix not in INLINE
    if body is not None:
        # text in the charset the header names (a cp1252 TXT is sent as UTF-8, not as mojibake)
        response = send_file(
            io.BytesIO(body),
            mimetype=MIMETYPES[suffix],
            download_name=clean_file_name(path.name),
            conditional=True,
            etag=hashlib.sha256(body).hexdigest()[:32],
            last_modified=path.stat().st_mtime,
        )
        response.content_type = f"{MIMETYPES[suffix]}; charset=utf-8"
    else:
        known = suffix not in TEXT_SUFFIXES  # a text file that no longer decodes is only downloaded
        attachment = attachment or not known
        response = send_file(
            path,
            mimetype=MIMETYPES.get(suffix, "application/octet-stream") if known else "application/octet-stream",
            as_attachment=attachment,
            download_name=clean_file_name(path.name),
            conditional=True,
        )
    response.headers["Content-Disposition"] = content_disposition(path.name, attachment=attachment)
    if suffix == "pdf":
        response.headers["Content-Security-Policy"] = PDF_FILE_POLICY
    elif suffix in INLINE:
        response.headers["Content-Security-Policy"] = SANDBOXED_FILE_POLICY
    return response


@bp.get("/favicon.ico")
def favicon():
    """Browsers ask for /favicon.ico on pages without a <link rel=icon> (an opened PDF)."""
    return send_from_directory(current_app.static_folder, "favicon.svg", mimetype="image/svg+xml")


def _meeting_year(meeting: dict) -> int | None:
    when = parse_iso_date(meeting.get("date"))
    return when.year if when else None


def _reading_order(brief: dict) -> tuple:
    doc_type = brief.get("type") or "other"
    rank = TYPE_ORDER.index(doc_type) if doc_type in TYPE_ORDER else len(TYPE_ORDER)
    return (rank, (brief.get("title") or "").casefold())


def _inside(path, root) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False
