"""`parkdb serve`: a local web application to read articles with their figures in place and review them.

Starlette routes render Jinja2 templates on the server (autoescaped; article text is
untrusted). Pages read through the reader engine (parkdb_reader: schema reporting
only); review actions write review.judgements through the reviewer engine
(parkdb_reviewer), checked and applied by its triggers, exactly as `parkdb review`
does. A date judgement re-reads the article (its relative periods follow the new
date) through the loader engine (parkdb_loader), as `parkdb review date` does. Without
a reviewer engine (--read-only) no form is shown and every POST is refused with 403.
"""
from __future__ import annotations

import csv
import hmac
import io
import secrets
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from loaders.web import queries, render

HERE = Path(__file__).resolve().parent
CHOICES_SECONDS = 60
CSRF_COOKIE = "parkdb_csrf"
CSRF_FIELD = "csrf_token"
SECURITY_HEADERS = {
    # Nothing from elsewhere, no inline script or style: a <script> in an article cannot run.
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                               " frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class BadRequest(Exception):
    """A request the page cannot serve: status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass
class Engines:
    reader: sa.Engine
    reviewer: sa.Engine | None = None   # None: read-only
    loader: sa.Engine | None = None     # re-reads an article after a date judgement


def templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["q"] = lambda s: quote(str(s), safe="")
    env.filters["num"] = render.number
    env.filters["period"] = render.period_text
    env.filters["colour"] = render.colour
    env.globals["anchor"] = render.anchor
    env.globals["chart_anchor"] = render.chart_anchor
    return env


def create_app(engines: Engines, *, allowed_hosts: list[str] | None = None) -> Starlette:
    env = templates()

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
        html = env.get_template(template).render(
            request=request, csrf_token=token, can_review=engines.reviewer is not None,
            path=request.url.path, here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
            **context)
        response = HTMLResponse(html, status_code=status)
        if CSRF_COOKIE not in request.cookies:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        if "parkdb_flash" in request.cookies:  # shown once
            response.delete_cookie("parkdb_flash")
        return response

    def fail(request: Request, status: int, message: str) -> HTMLResponse:
        return page(request, "error.html", status=status, message=message)

    def reading():
        return engines.reader.connect()

    cached: dict = {}

    def choices(conn) -> tuple[list[str], list[str]]:
        """The filter form's publishers and platforms: a scan of every article, so kept for a minute."""
        now = time.monotonic()
        if cached.get("at", -CHOICES_SECONDS) + CHOICES_SECONDS <= now:
            cached.update(at=now, lists=(queries.publishers(conn), queries.platform_names(conn)))
        return cached["lists"]

    # --- pages ------------------------------------------------------------------------------------

    def articles_page(request: Request):
        p = request.query_params
        search = p.get("q", "").strip()[:200]
        f = queries.ArticleFilter(platform=p.get("platform", "").strip(), publisher=p.get("publisher", "").strip(),
                                  date_from=day(p.get("from")), date_to=day(p.get("to")), words=segment(search))
        number = page_number(p)
        with reading() as conn:
            found, total = queries.articles(conn, f, number)
            publishers, platforms = choices(conn)
        return page(request, "articles.html", articles=found, total=total, filter=f, search=search,
                    publishers=publishers, platforms=platforms, pager=pager(request, number, total, len(found)),
                    cap=queries.COUNT_CAP)

    def article_page(request: Request):
        key = request.query_params.get("key", "")
        with reading() as conn:
            a = queries.article(conn, key)
            if a is None:
                return fail(request, 404, f"no article with source_key {key!r}")
            facts = queries.article_facts(conn, key)
            mentions = queries.article_mentions(conn, key)
        judgements, rejected = [], []
        if engines.reviewer is not None:
            with engines.reviewer.connect() as conn:
                judgements = queries.article_judgements(conn, key)
                rejected = queries.rejected_facts(conn, key)
        entities = {}
        for m in mentions:
            entities.setdefault(m["entity_key"], {"key": m["entity_key"], "kind": m["entity_kind"],
                                                  "name": m["entity_name"], "surfaces": set()})["surfaces"].add(m["surface"])
        body = render.highlighted(a["source_text"], facts, mentions)
        return page(request, "article.html", a=a, body=body, facts=facts, mentions=mentions,
                    entities=sorted(entities.values(), key=lambda e: (e["kind"], e["name"])),
                    judgements=judgements, rejected=rejected)

    def raw_page(request: Request):
        key = request.query_params.get("key", "")
        with reading() as conn:
            raw = queries.raw_text(conn, key)
        if raw is None:
            return fail(request, 404, f"no article with source_key {key!r}")
        return page(request, "raw.html", raw=raw)

    def facts_page(request: Request):
        f, number = fact_filter(request)
        with reading() as conn:
            found, total = queries.facts(conn, f, number)
        if request.query_params.get("format") == "csv":
            return csv_response(found)
        csv_link = request.url.path + "?" + urlencode([*request.query_params.multi_items(), ("format", "csv")])
        return page(request, "facts.html", facts=found, total=total, filter=f, sorts=list(queries.FACT_SORTS),
                    pager=pager(request, number, total, len(found)), csv_link=csv_link, cap=queries.COUNT_CAP)

    def subject_page(request: Request):
        kind, name = request.query_params.get("kind", ""), request.query_params.get("name", "")
        if kind not in queries.SUBJECT_KINDS:
            return fail(request, 400, f"kind must be one of {', '.join(queries.SUBJECT_KINDS)}")
        with reading() as conn:
            profile = queries.subject_profile(conn, kind, name)
            if profile is None:
                return fail(request, 404, f"no {kind} named {name!r}")
            up, down = queries.hierarchy(conn, name) if kind == "platform" else ([], [])
            designations = queries.designations(conn, kind, name)
            facts, capped = queries.subject_facts(conn, kind, name)
            key = queries.entity_key(conn, kind, name)
        judgements = []
        if engines.reviewer is not None and key:
            with engines.reviewer.connect() as conn:
                judgements = queries.entity_judgements(conn, key)
        return page(request, "subject.html", kind=kind, name=name, profile=profile, ancestors=up, children=down,
                    designations=designations, charts=render.series_charts(facts), entity_key=key, capped=capped,
                    chart_facts=queries.CHART_FACTS,
                    judgements=judgements)

    def conflicts_page(request: Request):
        subject = request.query_params.get("subject", "").strip()
        number = page_number(request.query_params)
        try:
            with reading() as conn:
                columns, found = queries.conflicts(conn, subject, number)
        except sa.exc.OperationalError as exc:
            if not is_timeout(exc):
                raise
            return page(request, "conflicts.html", status=503, groups=[], subject=subject, number=number, more=False,
                        prev_link=None, next_link=None,
                        too_slow=f"finding {'every' if not subject else 'these'} conflict(s) took over "
                                 f"{queries.CONFLICTS_TIMEOUT_MS / 1000:g} s on this database: "
                                 + ("choose a subject" if not subject else "try again later"))
        more = len(found) > queries.PAGE_SIZE
        groups = render.conflict_groups(columns, found[:queries.PAGE_SIZE])
        return page(request, "conflicts.html", groups=groups, too_slow=None, subject=subject, number=number, more=more,
                    prev_link=link(request, page=number - 1) if number > 1 else None,
                    next_link=link(request, page=number + 1) if more else None)

    # --- review actions ---------------------------------------------------------------------------

    async def review_action(request: Request):
        if engines.reviewer is None:
            return fail(request, 403, "this server runs read-only (parkdb serve --read-only): review actions are off")
        form = await request.form()
        cookie, given = request.cookies.get(CSRF_COOKIE, ""), str(form.get(CSRF_FIELD, ""))
        if not cookie or not hmac.compare_digest(cookie.encode(), given.encode()):
            return fail(request, 403, "the form's CSRF token is missing or wrong: reload the page and try again")
        action = request.path_params["action"]
        target = safe_next(str(form.get("next", "/")))
        from loaders import review

        try:
            message = await run_in_threadpool(perform, action, {k: str(v).strip() for k, v in form.items()})
        except (review.ReviewError, BadRequest) as exc:  # the review layer speaks of the CLI's options
            return fail(request, getattr(exc, "status", 400), str(exc).replace("with --figure", "in the Figure field"))
        response = RedirectResponse(target, status_code=303)
        response.set_cookie("parkdb_flash", quote(message), max_age=30, httponly=True, samesite="strict")
        return response

    def perform(action: str, form: dict) -> str:
        from loaders import review

        why, by = form.get("why") or None, form.get("by") or None
        if action not in ("undo",) and not why:
            raise BadRequest(400, "give a reason (why) for the judgement")
        with engines.reviewer.begin() as conn:
            if action in ("reject", "confirm", "set"):
                fact = review.find_fact(conn, form.get("fact_key", ""))
                changes = None
                if action == "set":
                    fields = subject_field({k: form[k] for k in review.FACT_FIELDS if form.get(k)}, form)
                    if not fields:
                        raise BadRequest(400, "nothing to change: fill in at least one field")
                    changes = review.fact_changes(conn, fields, fact, fact["published_on"])
                n = review.record(conn, action=action, source_key=fact["source_key"], fact_key=fact["fact_key"],
                                  changes=changes, why=why, made_by=by)
                return f"judgement {n}: {action} {fact['subject_name']} {fact['metric']} {fact['value']}{fact['unit']}"
            if action == "add":
                fields = subject_field({k: form[k] for k in ("subject", "metric", "period", "qualifier", "unit")
                                        if form.get(k)}, form)
                n = review.add_fact(conn, form.get("source_key", ""), form.get("quote", ""),
                                    form.get("figure") or None, fields, why, by)
                return f"judgement {n}: added a fact to {form.get('source_key')}"
            if action == "date":
                key = form.get("source_key", "")
                review.find_source(conn, key)
                n = review.record(conn, action="source_set", source_key=key,
                                  changes=review.date_changes(form.get("date", ""), form.get("precision") or None),
                                  why=why, made_by=by)
            elif action == "merge":
                kind, keep = queries.find_entity(conn, form.get("entity", ""))
                other_kind, other = queries.find_entity(conn, form.get("other", ""))
                if other_kind != kind:
                    raise review.ReviewError(f"a {kind} and a {other_kind} cannot be merged")
                if other == keep:
                    raise review.ReviewError("an entity cannot be merged into itself")
                n = review.record(conn, action="merge", entity_kind=kind, entity_key=keep, other_entity_key=other,
                                  why=why, made_by=by)
                return f"judgement {n}: merged into {form.get('entity')}"
            elif action == "undo":
                try:
                    number = int(form.get("id", ""))
                except ValueError:
                    raise BadRequest(400, "undo needs a judgement id") from None
                row = _undo(conn, number, by)  # review.undo would re-read as the reviewer, who may not write articles
                key = row["source_key"] if row["action"] == "source_set" else None
                n = number
                if key is None:
                    return f"judgement {n} ({row['action']}) undone"
            else:
                raise BadRequest(404, f"no review action {action!r}")
        # The article's relative periods follow its new date: read it again (as `parkdb review date` does).
        try:
            reread(key)
        except Exception as exc:  # the judgement stands (committed above); say the re-reading did not happen
            return (f"judgement {n} recorded, but reading {key} again failed ({type(exc).__name__}: "
                    f"{str(exc).splitlines()[0] if str(exc) else ''}); its relative periods follow the date at its next load")
        return f"judgement {n}: {key} re-read against its date"

    def _undo(conn, number: int, by: str | None) -> dict:
        from loaders import review

        row = conn.execute(sa.text("SELECT id, action, source_key FROM review.judgements WHERE id = :i"),
                           {"i": number}).mappings().first()
        if row is None:
            raise review.ReviewError(f"no judgement {number}")
        try:
            with conn.begin_nested():
                conn.execute(sa.text("UPDATE review.judgements SET undone_at = now(),"
                                     " undone_by = coalesce(:by, current_user) WHERE id = :i"), {"i": number, "by": by})
        except sa.exc.DBAPIError as exc:
            raise review.ReviewError(review.database_message(exc)) from None
        return dict(row)

    def reread(key: str) -> None:
        from loaders import review

        if engines.loader is None:
            return
        with engines.loader.begin() as conn:
            review.reextract(conn, key)

    # --- helpers ----------------------------------------------------------------------------------

    def fact_filter(request: Request) -> tuple[queries.FactFilter, int]:
        p = request.query_params
        sort = p.get("sort", "published_on")
        if sort not in queries.FACT_SORTS:
            raise BadRequest(400, f"sort must be one of {', '.join(queries.FACT_SORTS)}")
        year = p.get("year", "").strip()
        if year and not (year.isdigit() and 1900 <= int(year) <= 2100):
            raise BadRequest(400, f"year {year!r} is not a year")
        kind = p.get("period_kind", "")
        if kind and kind not in ("actual", "asof", "target", "unknown"):
            raise BadRequest(400, "period_kind must be actual, asof, target or unknown")
        return queries.FactFilter(subject=p.get("subject", "").strip(), metric=p.get("metric", "").strip(),
                                  period_kind=kind, year=int(year) if year else None,
                                  source=p.get("source", "").strip(), sort=sort,
                                  descending=p.get("dir", "desc") != "asc"), page_number(p)

    def link(request: Request, **changes) -> str:
        items = {k: v for k, v in request.query_params.multi_items()}
        items.update({k: str(v) for k, v in changes.items()})
        return request.url.path + "?" + urlencode(items)

    def pager(request: Request, number: int, total: int, shown: int) -> dict:
        """Links to the pages around; past COUNT_CAP the total is not known, so a full page has a next one."""
        known = total <= queries.COUNT_CAP
        last = max(1, -(-total // queries.PAGE_SIZE)) if known else None
        more = number < last if known else shown == queries.PAGE_SIZE
        return {"number": number, "last": last, "total": total,
                "prev": link(request, page=number - 1) if number > 1 else None,
                "next": link(request, page=number + 1) if more else None}

    async def bad_request(request: Request, exc: BadRequest):
        return fail(request, exc.status, str(exc))

    async def not_found(request: Request, exc):
        return fail(request, 404, f"no page {request.url.path}")

    async def with_headers(request, call_next):
        response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    routes = [
        Route("/", articles_page),
        Route("/article", article_page),
        Route("/article/raw", raw_page),
        Route("/facts", facts_page),
        Route("/subject", subject_page),
        Route("/conflicts", conflicts_page),
        Route("/review/{action}", review_action, methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [Middleware(BaseHTTPMiddleware, dispatch=with_headers)]
    if allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={BadRequest: bad_request, 404: not_found})
    env.globals["flash"] = lambda request: _unquote(request.cookies.get("parkdb_flash", ""))
    return app


def _unquote(text: str) -> str:
    from urllib.parse import unquote

    return unquote(text)


def is_timeout(exc: sa.exc.OperationalError) -> bool:
    import psycopg

    return isinstance(exc.orig, psycopg.errors.QueryCanceled)


def subject_field(fields: dict, form: dict) -> dict:
    """subject=KIND:NAME from the form's kind and name: the judgement's trigger checks that it exists."""
    kind = form.get("subject_kind", "")
    if fields.get("subject") and kind:
        if kind not in queries.SUBJECT_KINDS:
            raise BadRequest(400, f"subject kind must be one of {', '.join(queries.SUBJECT_KINDS)}")
        fields["subject"] = f"{kind}:{fields['subject']}"
    return fields


def page_number(params) -> int:
    raw = params.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest(400, f"page {raw!r} is not a page number")
    return min(int(raw), 100_000)


def day(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise BadRequest(400, f"{raw!r} is not a date (YYYY-MM-DD)") from None


def segment(search: str) -> tuple[str, ...]:
    """The search's words as the extractor's jieba dictionary cuts them (punctuation and spaces dropped)."""
    if not search:
        return ()
    from loaders.extract.segment import tokenizer

    words = [w.strip() for w in tokenizer().cut(search)]
    return tuple(dict.fromkeys(w for w in words if w and any(ch.isalnum() for ch in w)))[:10]


def safe_next(target: str) -> str:
    """Redirect only within this site: a path, never //host or a scheme."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def csv_response(found: list[dict]) -> Response:
    """The rows shown, as CSV with a BOM and CRLF so Excel and WPS read the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(queries.FACT_COLUMNS)
    for r in found:
        writer.writerow(["" if r[c] is None else r[c] for c in queries.FACT_COLUMNS])
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="facts.csv"'})
