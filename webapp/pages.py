"""The Danish pages: search, document, meeting, timeline, topics, help, and the original files."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from itertools import groupby

from flask import Blueprint, current_app, render_template, request, send_file, send_from_directory, url_for

from index.errors import InvalidRequest
from index.query import MAX_PAGE, parse_search_params
from index.search import query_highlighter
from webapp.backend import all_results, get_service
from webapp.errors import NotFound
from webapp.disposition import clean_file_name, content_disposition
from webapp.facets import active_filters, build_facets
from webapp.deck_thumbnail import deck_thumbnail
from webapp.formatting import file_suffix, is_pdf, parse_iso_date
from webapp.meetings import BY_MEETING, group_by_meeting, of_type, programme, reading_order
from webapp.messages import plain_request_error
from webapp.originals import TEXT_SUFFIXES, utf8_body
from webapp.pageview import PAGE_WIDTH, PageUnavailable, cached_image, page_size, word_boxes
from webapp.reading import PAGE_ARG, SECTION_ARG, doc_format, document_href, reading_passages
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


def _with_query(url: str, query: str, extra: str = "") -> str:
    joined = "&".join(part for part in (query, extra) if part)
    return f"{url}?{joined}" if joined else url


def search_tool_urls(query: str) -> dict[str, str]:
    """Links that take the current search elsewhere: follow it, or export it for Excel."""
    return {
        "feed_url": _with_query(url_for("api.feed"), query),
        "follow_url": _with_query(url_for("pages.follow"), query),
        "csv_url": _with_query(url_for("api.export"), query),
        "excel_csv_url": _with_query(url_for("api.export"), query, "excel=1"),
        "xlsx_url": _with_query(url_for("api.export_xlsx"), query),
    }


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
        **search_tool_urls(query),
    }
    try:
        search_req = search_request(
            args, valid_topics=set(topic_labels), per_page=current_app.config["PER_PAGE"]
        )
    except InvalidRequest as exc:
        filters = active_filters(links, topic_labels=topic_labels, theme_labels={})
        error = plain_request_error(str(exc))
        return render_template("search.html", error=error, active=filters, facets=[], **context), 400

    result = service.search(search_req)
    theme_labels = result.get("theme_labels") or {}
    per_page = result.get("per_page") or search_req.per_page
    last_page = min(MAX_PAGE, max(1, -(-int(result.get("total") or 0) // per_page)))
    groups = None
    if links.value("vis") == BY_MEETING and result.get("total"):
        groups, last_page = _meeting_groups(service, search_req)
    return render_template(
        "search.html",
        result=result,
        groups=groups,
        by_meeting=links.value("vis") == BY_MEETING,
        sort=search_req.sort,
        browsing=not search_req.q and not has_filters(args),
        facets=build_facets(
            _honest_topic_counts(service, search_req, result.get("facets") or {}),
            links,
            topic_labels=topic_labels,
            theme_labels=theme_labels,
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


def _honest_topic_counts(service, search_req, facets: dict) -> dict:
    """Facet counts where a topic's number is what selecting it gives. Topics combine with OR, so
    beside a selected topic, adding another shows the documents with either: counted by searching."""
    if not search_req.topics:
        return facets
    topics = dict(facets.get("topic") or {})
    for slug in topics:
        if slug not in search_req.topics:
            wider = dataclasses.replace(search_req, topics=search_req.topics + (slug,), page=1, per_page=1)
            topics[slug] = service.search(wider).get("total") or 0
    return {**facets, "topic": topics}


def _meeting_groups(service, search_req):
    """(this page's meeting groups with their meeting records, the number of pages): every hit,
    grouped by meeting, meetings ordered by their best hit, PER_PAGE meetings a page."""
    groups = group_by_meeting(all_results(service, search_req, current_app.config["EXPORT_LIMIT"]))
    per_page = current_app.config["PER_PAGE"]
    start = (search_req.page - 1) * per_page
    shown = [
        (service.meeting(g.meeting_id) if g.meeting_id else None, g.results)
        for g in groups[start:start + per_page]
    ]
    return shown, max(1, -(-len(groups) // per_page))


@bp.get("/foelg")
def follow():
    """How to follow a search (Outlook, a feed reader), its feed address, and its newest documents."""
    service = get_service()
    topic_labels = _topic_labels(service)
    args = clean_args(request.args.to_dict(flat=False))
    links = SearchLinks(url_for("pages.search"), args)
    search_req = search_request(
        {**args, "sort": ["date"], "page": ["1"]},
        valid_topics=set(topic_labels),
        per_page=current_app.config["PER_PAGE"],
    )
    result = service.search(search_req)
    query = query_string({k: v for k, v in args.items() if k not in ("sort", "page", "per_page")})
    theme_labels = result.get("theme_labels") or {}
    return render_template(
        "follow.html",
        links=links,
        q=links.value("q"),
        result=result,
        active=active_filters(links, topic_labels=topic_labels, theme_labels=theme_labels),
        feed_address=_with_query(url_for("api.feed", _external=True), query),
        back_url=links.current(),
    )


@bp.get("/dokument/<doc_id>")
def document(doc_id: str):
    service = get_service()
    doc = service.document(doc_id) if _ID.match(doc_id) else None
    if doc is None:
        raise NotFound("Dokumentet findes ikke i søgeindekset.")
    args = clean_args(request.args.to_dict(flat=False))
    links = SearchLinks(url_for("pages.search"), args)
    wanted = request.args.get(PAGE_ARG, type=int) or request.args.get(SECTION_ARG, type=int)
    passages, current = reading_passages(doc, links.value("q"), wanted)
    file_url = url_for("pages.original", doc_id=doc["id"])
    pdf_page = current if current and is_pdf(doc.get("format") or doc.get("path")) else None
    meeting = service.meeting(doc["meeting"]) if doc.get("meeting") else None
    doc_kind = doc_format(doc)
    return render_template(
        "document.html",
        doc=doc,
        passages=passages,
        doc_kind=doc_kind,
        current=current,
        pdf_page=pdf_page,
        file_url=file_url,
        page_file_url=f"{file_url}#page={pdf_page}" if pdf_page else file_url,
        page_view_url=_with_query(url_for("pages.page_view", doc_id=doc["id"], number=pdf_page), query_string(args))
        if pdf_page
        else None,
        links=links,
        q=links.value("q"),
        back_url=links.current() if args else None,
        meeting=meeting,
        topic_labels=_topic_labels(service),
        related=doc.get("related") or [],
        thumbnail_url=url_for("pages.deck_thumbnail_image", doc_id=doc["id"])
        if doc_kind == "pptx" and _deck_thumbnail(service, doc["id"]) is not None
        else None,
    )


@bp.get("/moede/<meeting_id>")
def meeting(meeting_id: str):
    service = get_service()
    # A meeting id is its folder's name, which may hold spaces and æøå; it is only looked up.
    found = service.meeting(meeting_id) if len(meeting_id) <= 255 else None
    if found is None:
        raise NotFound("Mødet findes ikke i søgeindekset.")
    documents = sorted(found.get("documents") or [], key=reading_order)
    return render_template(
        "meeting.html",
        meeting=found,
        documents=documents,
        programme=programme(found),
        invitations=of_type(documents, "announcement"),
        minutes=of_type(documents, "minutes"),
    )


@bp.get("/tidslinje")
def timeline():
    """The meetings, newest first; ?topic= keeps those with material on a DK2020 topic, ?aar= a year."""
    service = get_service()
    topic_labels = _topic_labels(service)
    meetings = service.meetings()
    all_years = sorted({y for y in map(_meeting_year, meetings) if y}, reverse=True)
    topic = request.args.get("topic") or None
    if topic is not None and topic not in topic_labels:
        raise InvalidRequest(f"Ukendt emne i 'topic': {topic[:40]!r}")
    year = request.args.get("aar", type=int)
    if year is not None and year not in all_years:
        year = None
    if topic:
        on_topic = search_request({"topic": [topic]}, valid_topics=set(topic_labels), per_page=1)
        held = {r.get("meeting") for r in all_results(service, on_topic, current_app.config["EXPORT_LIMIT"])}
        meetings = [m for m in meetings if m["id"] in held]
    if year:
        meetings = [m for m in meetings if _meeting_year(m) == year]
    years = [(y, list(items)) for y, items in groupby(meetings, key=_meeting_year)]
    return render_template(
        "timeline.html",
        years=years,
        meeting_count=len(meetings),
        topics=sorted(topic_labels.items(), key=lambda item: item[1].casefold()),
        topic=topic,
        topic_label=topic_labels.get(topic or ""),
        all_years=all_years,
        year=year,
    )


@bp.get("/emner")
def topics():
    return render_template("topics.html", topics=get_service().topics())


@bp.get("/hjaelp")
def help_page():
    return render_template("help.html")


@bp.get("/dokument/<doc_id>/side/<int:number>")
def page_view(doc_id: str, number: int):
    """One PDF page as an image, the query's words marked on it, with the way back to the search."""
    service = get_service()
    doc = service.document(doc_id) if _ID.match(doc_id) else None
    path = service.corpus_file(doc_id) if doc else None
    if doc is None or path is None or not is_pdf(doc.get("format") or doc.get("path")):
        raise NotFound("Siden findes ikke.")
    pages = {p.get("number") for p in doc.get("passages") or ()}
    if number not in pages:
        raise NotFound(f"Dokumentet har ingen side {number}.")
    args = clean_args(request.args.to_dict(flat=False))
    links = SearchLinks(url_for("pages.search"), args)
    try:
        width, height = page_size(path, number)
        boxes = word_boxes(path, number, query_highlighter(links.value("q")).pattern)
    except PageUnavailable:
        raise NotFound("Siden kan ikke vises som billede. Åbn originalen i stedet.") from None
    view_height = round(PAGE_WIDTH * height / width)
    query = query_string(args)
    return render_template(
        "page_view.html",
        doc=doc,
        number=number,
        pages=sorted(pages),
        image_url=url_for("pages.page_image", doc_id=doc_id, number=number, width=PAGE_WIDTH),
        view_width=PAGE_WIDTH,
        view_height=view_height,
        boxes=[(b.left * PAGE_WIDTH, b.top * view_height, b.width * PAGE_WIDTH, b.height * view_height) for b in boxes],
        file_url=url_for("pages.original", doc_id=doc_id, _anchor=f"page={number}"),
        document_url=document_href(url_for("pages.document", doc_id=doc_id), {"path": doc["path"], "page": number}, args),
        page_url=lambda n: url_for("pages.page_view", doc_id=doc_id, number=n) + (f"?{query}" if query else ""),
        links=links,
        q=links.value("q"),
    )


@bp.get("/dokument/<doc_id>/miniature.jpg")
def deck_thumbnail_image(doc_id: str):
    """The thumbnail PowerPoint saved of a deck's first slide, when the deck has one of its own."""
    data = _deck_thumbnail(get_service(), doc_id)
    if data is None:
        raise NotFound("Præsentationen har ingen miniature.")
    return send_file(io.BytesIO(data), mimetype="image/jpeg", max_age=86400)


def _deck_thumbnail(service, doc_id: str) -> bytes | None:
    """The deck's own thumbnail, looked up by its file alone (no document record, no related list)."""
    path = service.corpus_file(doc_id) if _ID.match(doc_id) else None
    if path is None or file_suffix(path.name) != "pptx":
        return None
    return deck_thumbnail(path)


@bp.get("/sidebillede/<doc_id>/<int:number>-<int:width>.png")
def page_image(doc_id: str, number: int, width: int):
    """A PDF page as PNG, rendered once per file version and page into the data folder."""
    service = get_service()
    doc = service.document(doc_id) if _ID.match(doc_id) else None
    path = service.corpus_file(doc_id) if doc else None
    if doc is None or path is None or not is_pdf(doc.get("format") or doc.get("path")):
        raise NotFound("Siden findes ikke.")
    try:
        image = cached_image(path, doc.get("checksum") or "", number, width, current_app.config["DATA_DIR"])
    except PageUnavailable:
        raise NotFound("Siden kan ikke vises som billede.") from None
    response = send_file(image, mimetype="image/png", conditional=True, max_age=86400)
    return response


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


def _inside(path, root) -> bool:
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False
