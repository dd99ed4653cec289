"""Every query the web pages run: fixed SQL text, request values only as bound parameters.

Pages read the `reporting` views as parkdb_reader; the review forms read
review.judgements as parkdb_reviewer. Sort columns come from a fixed table
(FACT_SORTS), never from the request's words.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

PAGE_SIZE = 50
COUNT_CAP = 1_000  # counting past this is not worth a page's time: "more than 1,000" (pages go on past it)
SUBJECT_KINDS = ("platform", "enterprise", "project", "region")

FACT_COLUMNS = ("source_key", "published_on", "subject_kind", "subject_name", "metric", "metric_text", "value",
                "unit", "qualifier", "period_kind", "period_start", "period_end", "quote", "review_status",
                "confidence", "fact_key", "char_start", "char_end")
# Sort key shown to the user -> ORDER BY clause (fixed text; ties broken by fact_key for stable pages).
FACT_SORTS = {
    # PostgreSQL's own null order (last ascending, first descending), so an index on the date can serve it.
    "published_on": "published_on {d}, source_key, char_start, fact_key",
    "source": "source_key {d}, char_start, fact_key",
    "subject": "subject_name {d}, metric, period_end, fact_key",
    "metric": "metric {d}, subject_name, period_end, fact_key",
    "value": "value_base {d} NULLS LAST, fact_key",
    "period": "period_end {d} NULLS LAST, subject_name, metric, fact_key",
    "confidence": "confidence {d}, fact_key",
}


def rows(conn: sa.Connection, query: str, **params) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(sa.text(query), params)]


def one(conn: sa.Connection, query: str, **params) -> dict | None:
    row = conn.execute(sa.text(query), params).mappings().first()
    return None if row is None else dict(row)


# --- articles -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleFilter:
    platform: str = ""
    publisher: str = ""
    date_from: date | None = None
    date_to: date | None = None
    words: tuple[str, ...] = ()   # the search query, segmented with the extractor's jieba dictionary


def articles(conn: sa.Connection, f: ArticleFilter, page: int) -> tuple[list[dict], int]:
    """One page of reporting.sources (newest first) and how many match (capped at COUNT_CAP + 1)."""
    where, params = ["true"], {}
    if f.platform:
        where.append("s.source_key IN (SELECT em.source_key FROM reporting.entity_mentions AS em"
                     " WHERE em.entity_name = :platform AND em.entity_kind = 'platform')")
        params["platform"] = f.platform
    if f.publisher:
        where.append("s.publisher = :publisher")
        params["publisher"] = f.publisher
    if f.date_from:
        where.append("s.published_on >= :date_from")
        params["date_from"] = f.date_from
    if f.date_to:
        where.append("s.published_on <= :date_to")
        params["date_to"] = f.date_to
    for i, word in enumerate(f.words):
        # Each segmented word must appear in the title or the text (strpos: no pattern characters to escape).
        where.append(f"(strpos(s.source_title, :w{i}) > 0 OR strpos(s.source_text, :w{i}) > 0)")
        params[f"w{i}"] = word
    condition = " AND ".join(where)
    # The page's keys first (no counts computed), then the counts of those 50 articles only.
    keys = [r["source_key"] for r in rows(conn, f"""
        SELECT s.source_key FROM reporting.sources AS s WHERE {condition}
        ORDER BY s.published_on DESC NULLS LAST, s.source_key
        LIMIT :limit OFFSET :offset""", **params, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)]
    found = rows(conn, """
        SELECT s.source_key, s.source_title, s.publisher, s.published_on, s.published_precision,
               s.published_basis, s.entity_count, s.fact_count
        FROM reporting.sources AS s WHERE s.source_key = ANY(:keys)
        ORDER BY s.published_on DESC NULLS LAST, s.source_key""", keys=keys)
    total = conn.execute(sa.text(f"SELECT count(*) FROM (SELECT 1 FROM reporting.sources AS s WHERE {condition}"
                                 f" LIMIT {COUNT_CAP + 1}) AS capped"), params).scalar_one()
    candidates = candidate_counts(conn, keys)
    for a in found:
        a["candidate_count"] = candidates.get(a["source_key"], 0)
    return found, total


def candidate_counts(conn: sa.Connection, keys: list[str]) -> dict[str, int]:
    if not keys:
        return {}
    return {r["source_key"]: r["n"] for r in rows(
        conn, "SELECT source_key, count(*) AS n FROM reporting.source_facts"
              " WHERE source_key = ANY(:keys) AND NOT is_shown GROUP BY source_key", keys=keys)}


def publishers(conn: sa.Connection) -> list[str]:
    return [r["publisher"] for r in rows(conn, "SELECT DISTINCT publisher FROM reporting.sources"
                                               " WHERE publisher IS NOT NULL ORDER BY 1 LIMIT 200")]


def platform_names(conn: sa.Connection) -> list[str]:
    return [r["platform_name"] for r in rows(conn, "SELECT platform_name FROM reporting.platforms ORDER BY 1 LIMIT 2000")]


# --- one article ----------------------------------------------------------------------------------

def article(conn: sa.Connection, key: str) -> dict | None:
    return one(conn, "SELECT * FROM reporting.sources WHERE source_key = :k", k=key)


def raw_text(conn: sa.Connection, key: str) -> dict | None:
    return one(conn, "SELECT * FROM reporting.source_raw_texts WHERE source_key = :k", k=key)


def article_facts(conn: sa.Connection, key: str) -> list[dict]:
    """The article's shown facts, then its candidates (with their reasons)."""
    return rows(conn, "SELECT * FROM reporting.source_facts WHERE source_key = :k"
                      " ORDER BY is_shown DESC, char_start, fact_key", k=key)


def article_mentions(conn: sa.Connection, key: str) -> list[dict]:
    return rows(conn, "SELECT * FROM reporting.source_mentions WHERE source_key = :k"
                      " ORDER BY char_start, char_end DESC, entity_kind", k=key)


# --- facts ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FactFilter:
    subject: str = ""
    metric: str = ""
    period_kind: str = ""
    year: int | None = None
    source: str = ""
    sort: str = "published_on"
    descending: bool = True


def facts(conn: sa.Connection, f: FactFilter, page: int, page_size: int = PAGE_SIZE) -> tuple[list[dict], int]:
    """One page of reporting.facts and how many match (capped at COUNT_CAP + 1)."""
    where, params = ["true"], {}
    if f.subject:
        where.append("subject_name = :subject")
        params["subject"] = f.subject
    if f.metric:
        where.append("metric = :metric")
        params["metric"] = f.metric
    if f.period_kind:
        where.append("period_kind = :period_kind")
        params["period_kind"] = f.period_kind
    if f.year:
        where.append("period_end BETWEEN :year_start AND :year_end")
        params.update(year_start=date(f.year, 1, 1), year_end=date(f.year, 12, 31))
    # reporting.facts reaches an index through a subject's name; without one, reporting.source_facts'
    # shown rows (the same rows) start from the articles, in date order or from one article.
    view = "reporting.facts"
    if not f.subject:
        view = "reporting.source_facts"
        where.append("is_shown")
    if f.source:
        where.append("source_key = :source")
        params["source"] = f.source
    condition = " AND ".join(where)
    order = FACT_SORTS[f.sort].format(d="DESC" if f.descending else "ASC")
    found = rows(conn, f"SELECT {', '.join(FACT_COLUMNS)} FROM {view} WHERE {condition}"
                       f" ORDER BY {order} LIMIT :limit OFFSET :offset",
                 **params, limit=page_size, offset=(page - 1) * page_size)
    total = conn.execute(sa.text(f"SELECT count(*) FROM (SELECT 1 FROM {view} WHERE {condition}"
                                 f" LIMIT {COUNT_CAP + 1}) AS capped"), params).scalar_one()
    return found, total


# --- a subject ------------------------------------------------------------------------------------

def subject_profile(conn: sa.Connection, kind: str, name: str) -> dict | None:
    """The directory view's row for the subject (regions have none: an empty profile when facts name it)."""
    if kind == "platform":
        return one(conn, "SELECT * FROM reporting.platforms WHERE platform_name = :n", n=name)
    if kind == "enterprise":
        return one(conn, "SELECT * FROM reporting.enterprises WHERE enterprise_name = :n", n=name)
    if kind == "project":
        return one(conn, "SELECT * FROM reporting.projects WHERE project_name = :n", n=name)
    kinds = {r["subject_kind"] for r in rows(conn, "SELECT subject_kind FROM reporting.facts WHERE subject_name = :n"
                                                    " LIMIT 100", n=name)}
    if "region" in kinds:
        return {}
    return None


def hierarchy(conn: sa.Connection, name: str) -> tuple[list[dict], list[dict]]:
    """(ancestors, nearest first; children) of a platform."""
    up = rows(conn, "SELECT ancestor_name AS name, ancestor_kind AS kind, depth FROM reporting.platform_tree"
                    " WHERE descendant_name = :n AND depth > 0 ORDER BY depth", n=name)
    down = rows(conn, "SELECT descendant_name AS name, descendant_kind AS kind FROM reporting.platform_tree"
                      " WHERE ancestor_name = :n AND depth = 1 ORDER BY descendant_name", n=name)
    return up, down


def designations(conn: sa.Connection, kind: str, name: str) -> list[dict]:
    return rows(conn, "SELECT designation, year, source_keys, first_quote FROM reporting.designations"
                      " WHERE subject_name = :n AND subject_kind = :k ORDER BY year NULLS LAST, designation",
                n=name, k=kind)


CHART_FACTS = 1_000  # a subject's charts draw the figures of its latest articles, at most this many


def subject_facts(conn: sa.Connection, kind: str, name: str) -> tuple[list[dict], bool]:
    """The subject's figures for its charts, latest articles first; True when more were left out."""
    # Filtered on the name alone: adding subject_kind = :k made the planner leave the name index (2 s, not 0.2 s,
    # on the benchmark database); the kind is checked here.
    found = rows(conn, f"SELECT {', '.join(FACT_COLUMNS)}, value_base, base_unit FROM reporting.facts"
                       " WHERE subject_name = :n"
                       " ORDER BY published_on DESC NULLS LAST, fact_key LIMIT :limit", n=name,
                 limit=CHART_FACTS + 1)
    found = [f for f in found if f["subject_kind"] == kind]
    found, more = found[:CHART_FACTS], len(found) > CHART_FACTS
    found.sort(key=lambda f: (f["metric"], f["period_end"] is None, f["period_end"] or date.min,
                              f["published_on"] or date.min, f["fact_key"]))
    return found, more


def entity_key(conn: sa.Connection, kind: str, name: str) -> str | None:
    if kind == "region":
        return None
    row = one(conn, "SELECT entity_key FROM reporting.entity_mentions WHERE entity_name = :n AND entity_kind = :k"
                    " LIMIT 1", n=name, k=kind)
    return row and row["entity_key"]


CONFLICTS_TIMEOUT_MS = 3_000


class TooSlow(Exception):
    """A query cancelled by its statement timeout."""


# --- conflicts ------------------------------------------------------------------------------------

def conflicts(conn: sa.Connection, subject: str, page: int) -> tuple[list[str], list[dict]]:
    """One page of reporting.fact_conflicts as it is: (its columns, its rows).

    The only place the page touches the view; whatever its grain (a pair of articles or
    one row per subject × metric × period), web.conflict_groups turns the rows into
    groups of statements.
    """
    where = "WHERE subject_name = :subject" if subject else ""
    # Every conflict of a big database may take long to find: the page then asks for a subject.
    conn.execute(sa.text(f"SET LOCAL statement_timeout = {CONFLICTS_TIMEOUT_MS}"))
    result = conn.execute(sa.text(f"SELECT * FROM reporting.fact_conflicts {where}"
                                  " ORDER BY subject_name, metric LIMIT :limit OFFSET :offset"),
                          {"subject": subject, "limit": PAGE_SIZE + 1, "offset": (page - 1) * PAGE_SIZE})
    return list(result.keys()), [dict(r._mapping) for r in result]


# --- judgements (reviewer) ------------------------------------------------------------------------

def article_judgements(conn: sa.Connection, key: str) -> list[dict]:
    return rows(conn, "SELECT id, action, fact_key, changes - 'old' AS changes, why, made_by, made_at, undone_at"
                      " FROM review.judgements WHERE source_key = :k ORDER BY id DESC", k=key)


def rejected_facts(conn: sa.Connection, key: str) -> list[dict]:
    """The article's rejected facts: looked up by the keys its reject judgements name (review.facts has an
    index on fact_key; a filter on source_key alone would read every fact)."""
    keys = [r["fact_key"] for r in rows(conn, "SELECT fact_key FROM review.judgements WHERE source_key = :k"
                                               " AND action = 'reject' AND undone_at IS NULL", k=key)]
    if not keys:
        return []
    return rows(conn, "SELECT * FROM review.facts WHERE fact_key = ANY(:keys) AND source_key = :k"
                      " AND review_status = 'rejected' ORDER BY char_start, fact_key", keys=keys, k=key)


def find_entity(conn: sa.Connection, given: str) -> tuple[str, str]:
    """(kind, entity_key) of a mentioned entity given by its key or name, as parkdb_reviewer can see it."""
    from loaders.review import ReviewError

    found = rows(conn, "SELECT DISTINCT entity_kind, entity_key FROM reporting.entity_mentions"
                       " WHERE entity_key = :g UNION SELECT DISTINCT entity_kind, entity_key"
                       " FROM reporting.entity_mentions WHERE entity_name = :g", g=given)
    if not found:
        raise ReviewError(f"no entity with key or name {given!r}")
    if len(found) > 1:
        raise ReviewError(f"{given!r} names {len(found)} entities; give the entity_key")
    return found[0]["entity_kind"], found[0]["entity_key"]


def entity_judgements(conn: sa.Connection, entity_key_: str) -> list[dict]:
    return rows(conn, "SELECT id, action, entity_key, other_entity_key, changes - 'old' AS changes, why, made_by,"
                      " made_at, undone_at FROM review.judgements"
                      " WHERE entity_key = :e OR other_entity_key = :e ORDER BY id DESC", e=entity_key_)
