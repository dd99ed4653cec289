"""Analysts' judgements: parse what `parkdb review` is given, write review.judgements, move them.

The database does the checking and the applying (sql/review/judgements.sql): a judgement
that names nothing that exists, does not parse or contradicts another is refused by
review.judgements' trigger with a one-line message, which the CLI prints.  This module
turns command-line words into the values the columns take, through the same quantity and
period parsers as extraction, so `value=120亿元` means what it means in an article.
"""
from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from loaders import store

FACT_FIELDS = ("subject", "subject_kind", "metric", "metric_text", "value", "unit", "qualifier", "period",
               "period_kind", "period_start", "period_end")
SUBJECT_KINDS = ("platform", "enterprise", "project", "region")
# What a judgement row is, in the order export writes it.
COLUMNS = ("id", "action", "source_key", "fact_key", "entity_kind", "entity_key", "other_entity_key", "changes",
           "anchor", "why", "made_by", "made_at", "undone_by", "undone_at")


class ReviewError(Exception):
    """A judgement that cannot be recorded: the message says why, on one line."""


# --- parsing values -----------------------------------------------------------------------------

def parse_assignments(words: list[str], allowed: tuple[str, ...]) -> dict[str, str]:
    """field=value words into a dict; an unknown field or a word without = is an error."""
    out: dict[str, str] = {}
    for word in words:
        field, eq, value = word.partition("=")
        if not eq:
            raise ReviewError(f"{word!r} is not field=value")
        if field not in allowed:
            raise ReviewError(f"unknown field {field!r}; one of: {', '.join(allowed)}")
        out[field] = value
    return out


def parse_quantity(text: str, current_unit: str | None) -> dict:
    """value=120亿元 (a whole quantity, as extraction reads it) or value=120 (the fact's own unit)."""
    from loaders.extract.quantities import find_quantities, parse_number
    from loaders.extract.units import to_base

    found = find_quantities(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        q = found[0]
        return {"value": str(q.value), "unit": q.unit, "value_base": None if q.value_base is None else str(q.value_base),
                "base_unit": q.base_unit if q.value_base is not None else None, "qualifier": q.qualifier}
    number = parse_number(text)
    if number is None or current_unit is None:
        raise ReviewError(f"value {text!r} does not parse as a number with a unit (e.g. 120亿元, 3.5%, 近千家)")
    base, base_unit = to_base(number, current_unit)
    return {"value": str(number), "value_base": None if base is None else str(base),
            "base_unit": base_unit if base is not None else None}


def parse_period(text: str, published_on: date | None) -> dict:
    """period=2022, 2023年1-6月, 截至2023年底, 到2025年 (read against the article's date), or unknown."""
    from loaders.extract.periods import find_time_exprs

    if text == "unknown":
        return {"period_kind": "unknown", "period_start": None, "period_end": None}
    for candidate in (text, text + "年"):
        found = find_time_exprs(candidate, published_on)
        if len(found) == 1 and found[0].span_start == 0 and found[0].span_end == len(candidate) and found[0].end:
            t = found[0]
            return {"period_kind": t.kind, "period_start": t.start and t.start.isoformat(),
                    "period_end": t.end.isoformat()}
    raise ReviewError(f"period {text!r} does not parse (e.g. 2022, 2023年1-6月, 截至2023年底, 到2025年, unknown)")


def parse_date(text: str) -> tuple[str, str]:
    """2023-09-12, 2023-09 or 2023: the first day, and the precision."""
    parts = text.split("-")
    try:
        day = date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        raise ReviewError(f"date {text!r} does not parse (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    if len(parts) > 3:
        raise ReviewError(f"date {text!r} does not parse (YYYY-MM-DD, YYYY-MM or YYYY)")
    return day.isoformat(), ("day", "month", "year")[3 - len(parts)]


def fact_changes(conn: sa.Connection, fields: dict[str, str], fact: dict | None, published_on: date | None) -> dict:
    """The changes of a set or add judgement from field=value words."""
    changes: dict = {}
    for field, value in fields.items():
        if field == "subject":
            kind, colon, name = value.partition(":")
            if colon and kind in SUBJECT_KINDS:
                changes.update(subject_kind=kind, subject_name=name)
            else:
                changes["subject_name"] = value
                if "subject_kind" not in changes:
                    changes["subject_kind"] = subject_kind_of(conn, value, fact)
        elif field == "value":
            changes.update(parse_quantity(value, fields.get("unit") or (fact or {}).get("unit")))
            if fields.get("unit") and "unit" not in changes:  # a bare number in the unit given beside it
                changes["unit"] = fields["unit"]
            if fact is not None and "qualifier" in changes and changes["qualifier"] is None and "qualifier" not in fields:
                del changes["qualifier"]
        elif field == "period":
            changes.update(parse_period(value, published_on))
        elif field in ("period_start", "period_end"):
            changes[field] = parse_date(value)[0] if value else None
        elif field == "qualifier":
            changes[field] = value or None
        elif field == "unit":
            if "value" not in fields:
                from loaders.extract.units import to_base

                base, base_unit = to_base(Decimal(str((fact or {}).get("value", 0))), value)
                changes.update(unit=value, value_base=None if base is None else str(base),
                               base_unit=base_unit if base is not None else None)
        else:
            changes[field] = value
    if "subject_kind" in changes and "subject_name" not in changes:
        raise ReviewError("subject_kind needs subject=NAME too")
    return changes


def subject_kind_of(conn: sa.Connection, name: str, fact: dict | None) -> str:
    """The kind of the one entity or region with that name or alias."""
    kinds = [k for k in SUBJECT_KINDS if conn.execute(sa.text(
        f"SELECT 1 FROM public.{k}s WHERE name = :n" + (
            f" UNION ALL SELECT 1 FROM public.{k}_aliases WHERE alias = :n" if k != "region" else "")), {"n": name}
    ).first()]
    if len(kinds) == 1:
        return kinds[0]
    if fact is not None and fact.get("subject_kind") in kinds:
        return fact["subject_kind"]
    if not kinds:
        raise ReviewError(f"no platform, enterprise, project or region named {name!r}")
    raise ReviewError(f"{name!r} names a {' and a '.join(kinds)}: write subject=KIND:NAME")


# --- looking things up ----------------------------------------------------------------------------

def find_fact(conn: sa.Connection, fact_key: str) -> dict:
    """The fact as review.facts shows it (rejected and candidates included)."""
    row = conn.execute(sa.text("SELECT * FROM review.facts WHERE fact_key = :k"), {"k": fact_key}).mappings().first()
    if row is None:
        raise ReviewError(f"no fact with fact_key {fact_key} (reporting.facts and reporting.fact_candidates show them)")
    return dict(row)


def find_source(conn: sa.Connection, source_key: str) -> dict:
    """The article's key, text and date, through reporting.sources so that parkdb_reviewer may look too."""
    row = conn.execute(sa.text("SELECT source_key, source_text AS text, published_on FROM reporting.sources"
                               " WHERE source_key = :k"), {"k": source_key}).mappings().first()
    if row is None:
        raise ReviewError(f"no article with source_key {source_key} (reporting.sources lists them)")
    return dict(row)


def find_entity(conn: sa.Connection, given: str) -> tuple[str, str]:
    """(kind, entity_key) of an entity given by its key, name or alias."""
    found = []
    for kind in ("platform", "enterprise", "project", "institution"):
        found += [(kind, k) for k in conn.execute(sa.text(
            f"SELECT entity_key FROM public.{kind}s WHERE entity_key = :g OR name = :g"
            f" UNION SELECT e.entity_key FROM public.{kind}s e JOIN public.{kind}_aliases a ON a.{kind}_id = e.id"
            f" WHERE a.alias = :g"), {"g": given}).scalars()]
    if not found:
        raise ReviewError(f"no entity with key, name or alias {given!r} (reporting.entity_mentions shows them)")
    if len(found) > 1:
        raise ReviewError(f"{given!r} names {len(found)} entities; give the entity_key "
                          f"({', '.join(f'{k} {key}' for k, key in found)})")
    return found[0]


# --- writing ----------------------------------------------------------------------------------------

def record(conn: sa.Connection, **values) -> int:
    """Insert one judgement (the database checks and applies it); return its id."""
    values = {k: v for k, v in values.items() if v is not None}  # column defaults for the rest
    for key in ("changes", "anchor"):
        if values.get(key) is not None:
            values[key] = json.dumps(values[key], ensure_ascii=False)
    columns = ", ".join(values)
    casts = {"changes": "jsonb", "anchor": "jsonb", "made_at": "timestamptz"}
    params = ", ".join(f"CAST(:{k} AS {casts[k]})" if k in casts else f":{k}" for k in values)
    try:
        with conn.begin_nested():
            return conn.execute(sa.text(f"INSERT INTO review.judgements ({columns}) VALUES ({params}) RETURNING id"),
                                values).scalar_one()
    except sa.exc.DBAPIError as exc:
        raise ReviewError(database_message(exc)) from None


def database_message(exc: sa.exc.DBAPIError) -> str:
    """The server's one-line message, with its hint."""
    diag = getattr(exc.orig, "diag", None)
    message = (diag.message_primary if diag else None) or str(exc.orig).splitlines()[0]
    hint = diag.message_hint if diag else None
    return f"{message} ({hint})" if hint else message


def undo(conn: sa.Connection, judgement_id: int, by: str | None) -> dict:
    """Undo a judgement; the database puts back what it changed and applies the others again."""
    row = conn.execute(sa.text("SELECT id, action, source_key, changes FROM review.judgements WHERE id = :i"),
                       {"i": judgement_id}).mappings().first()
    if row is None:
        raise ReviewError(f"no judgement {judgement_id} (parkdb review list shows them)")
    try:
        with conn.begin_nested():
            conn.execute(sa.text("UPDATE review.judgements SET undone_at = now(), undone_by = coalesce(:by, current_user)"
                                 " WHERE id = :i"), {"i": judgement_id, "by": by})
    except sa.exc.DBAPIError as exc:
        raise ReviewError(database_message(exc)) from None
    if row["action"] == "source_set":
        reextract(conn, row["source_key"])
    elif row["action"] == "retype":
        # When the entity had joined one of the new kind, which of its mentions were the entity's own is
        # the extractor's to say: the articles naming it are read again.
        for source_key in conn.execute(sa.text(
                "SELECT DISTINCT s.source_key FROM public.entity_mentions m JOIN public.sources s ON s.id = m.source_id"
                " WHERE m.surface IN (SELECT jsonb_array_elements_text(CAST(:names AS jsonb))) ORDER BY 1"),
                {"names": json.dumps(row["changes"].get("names", []), ensure_ascii=False)}).scalars():
            reextract(conn, source_key)
    return {k: row[k] for k in ("id", "action", "source_key")}


def reextract(conn: sa.Connection, source_key: str) -> None:
    """Read a stored article again against its (judged) date and store it: its periods follow the date."""
    from loaders.extract import EXTRACTOR_VERSION, dictionary_hash, extract
    from loaders.records import Article

    s = conn.execute(sa.text("SELECT * FROM public.sources WHERE source_key = :k"), {"k": source_key}).mappings().one()
    article = Article(text=s["text"], raw_text=s["raw_text"], title=s["title"], subtitle=s["subtitle"],
                      authors=tuple(s["authors"] or ()), publisher=s["publisher"], url=s["url"],
                      published_on=s["published_on"], date_precision=s["published_precision"],
                      date_basis=s["published_basis"], date_note=s["published_note"], encoding=s["encoding"],
                      media_type=s["media_type"])
    extraction = extract(article.text, article.published_on, article.title)
    store.store_article(conn, source_key=source_key, path=s["original_path"], sha256=s["sha256"],
                        byte_size=s["byte_size"], article=article, extraction=extraction,
                        versions=store.Versions(EXTRACTOR_VERSION, dictionary_hash()), run_id=s["load_run_id"],
                        identity=s["identity"], source_id=s["id"], manifest_entry=s["manifest_entry"])
    store.apply_entity_judgements(conn)  # storing may have renamed an entity or given an alias back


def add_fact(conn: sa.Connection, source_key: str, quote: str, figure: str | None, fields: dict[str, str],
             why: str | None, by: str | None) -> int:
    """Record a fact the extractor missed, anchored on its quote and the figure within it."""
    from loaders.extract.quantities import find_quantities

    source = find_source(conn, source_key)
    start = source["text"].find(quote)
    if not quote or start < 0:
        raise ReviewError(f"the quote {quote!r} is not in {source_key}")
    if figure is None:
        found = find_quantities(quote)
        if len(found) != 1:
            raise ReviewError(f"the quote holds {len(found)} figures: say which with --figure")
        figure = quote[found[0].start:found[0].end]
    if figure not in quote:
        raise ReviewError(f"the figure {figure!r} is not in the quote")
    missing = [f for f in ("subject", "metric") if f not in fields]
    if missing:
        raise ReviewError(f"an added fact needs {' and '.join(f + '=...' for f in missing)}")
    fields = {"value": figure, **fields}
    changes = fact_changes(conn, fields, None, source["published_on"])
    changes.setdefault("period_kind", "unknown")
    anchor = {"exact": quote, "figure": figure, "start": start}
    # The same key extraction would give this figure (loaders.store.fact_key).
    occurrence = str(source["text"].count(quote, 0, start))
    key = store.fact_key(store.source_identity(source_key), quote, figure, occurrence)
    return record(conn, action="add", source_key=source_key, fact_key=key, changes=changes, anchor=anchor,
                  why=why, made_by=by)


# --- listing, export, import ----------------------------------------------------------------------

def list_judgements(conn: sa.Connection, include_undone: bool) -> list[tuple]:
    rows = conn.execute(sa.text(
        "SELECT j.id, j.action, coalesce(j.fact_key, j.entity_key, j.source_key) AS target, j.source_key,"
        " left((j.changes - 'old' - 'old_name' - 'subject_key')::text, 60) AS changes, j.why, j.made_by, to_char(j.made_at, 'YYYY-MM-DD HH24:MI') AS made_at,"
        " CASE WHEN j.undone_at IS NOT NULL THEN 'undone' WHEN o.judgement_id IS NOT NULL THEN 'orphaned'"
        " ELSE 'applied' END AS state"
        " FROM review.judgements j LEFT JOIN reporting.orphaned_judgements o ON o.judgement_id = j.id"
        " WHERE :all OR j.undone_at IS NULL ORDER BY j.id"), {"all": include_undone})
    return [tuple("" if v is None else v for v in r) for r in rows]


def export(conn: sa.Connection, path: Path) -> int:
    """Every judgement (undone ones too: they are history), one JSON object a line, oldest first."""
    rows = conn.execute(sa.text(f"SELECT {', '.join(COLUMNS)} FROM review.judgements ORDER BY id")).mappings()
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False, sort_keys=False) + "\n")
            n += 1
    return n


def _jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def import_(conn: sa.Connection, path: Path) -> tuple[int, int]:
    """Record the judgements of an export file that this database does not hold yet; return (added, known).

    A judgement is known when one with the same action, target, changes and maker
    and time exists; undone ones are recorded and undone again, so history moves too.
    """
    added = known = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            j = json.loads(line)
            action = j["action"]
        except (ValueError, KeyError, TypeError):
            raise ReviewError(f"{path}:{number}: not a judgement exported by parkdb review export") from None
        exists = conn.execute(sa.text(
            "SELECT 1 FROM review.judgements WHERE action = :a AND source_key IS NOT DISTINCT FROM :s"
            " AND fact_key IS NOT DISTINCT FROM :f AND entity_key IS NOT DISTINCT FROM :e"
            " AND made_by = :by AND made_at = CAST(:at AS timestamptz)"),
            {"a": action, "s": j.get("source_key"), "f": j.get("fact_key"), "e": j.get("entity_key"),
             "by": j.get("made_by"), "at": j.get("made_at")}).first()
        if exists:
            known += 1
            continue
        values = {k: j.get(k) for k in ("action", "source_key", "fact_key", "entity_kind", "entity_key",
                                        "other_entity_key", "changes", "anchor", "why", "made_by", "made_at")}
        values = {k: v for k, v in values.items() if v is not None}
        try:
            new_id = record(conn, **values)
        except ReviewError as exc:
            raise ReviewError(f"{path}:{number}: judgement {j.get('id')}: {exc}") from None
        if j.get("undone_at"):
            undo(conn, new_id, j.get("undone_by"))
        added += 1
    return added, known


def date_changes(published_on: str, precision: str | None) -> dict:
    day, implied = parse_date(published_on)
    return {"published_on": day, "published_precision": precision or implied}


# --- gold ------------------------------------------------------------------------------------------

def gold_period(kind: str, start: date | None, end: date | None) -> str:
    """A period in the gold format (/work/shared/gold/SCHEMA.md): 2021, 2022-01..2022-03, asof:..., target:2025."""
    if kind == "unknown" or end is None:
        return "unknown"
    if kind == "asof":
        return f"asof:{end.isoformat()}"
    whole_years = start is not None and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if kind == "target":
        return f"target:{end.year}" if whole_years and start.year == end.year else f"target:{end.isoformat()}"
    if whole_years and start.year == end.year:
        return str(end.year)
    return f"{start:%Y-%m}..{end:%Y-%m}"


def gold(conn: sa.Connection, source_key: str) -> dict:
    """The article's corrected state in the gold format, so a reviewed article becomes a test article."""
    s = conn.execute(sa.text("SELECT * FROM reporting.sources WHERE source_key = :k"), {"k": source_key}).mappings().first()
    if s is None:
        raise ReviewError(f"no article with source_key {source_key} (reporting.sources lists them)")
    on, precision = s["published_on"], s["published_precision"]
    published = None if on is None else {"day": on.isoformat(), "month": f"{on:%Y-%m}", "year": str(on.year)}[precision]
    mentions = conn.execute(sa.text(
        "SELECT entity_kind, entity_name, array_agg(DISTINCT surface ORDER BY surface) AS surfaces"
        " FROM reporting.entity_mentions WHERE source_key = :k GROUP BY entity_kind, entity_name ORDER BY 1, 2"),
        {"k": source_key}).mappings().all()

    def entity(row) -> dict:
        return {"name": row["entity_name"], "aliases": [x for x in row["surfaces"] if x != row["entity_name"]]}

    out = {"article": source_key, "title": s["source_title"], "published": published,
           "published_basis": s["published_basis"], "platforms": [], "enterprises": [], "institutions": [],
           "projects": [], "designations": [], "facts": []}
    for row in mentions:
        e = entity(row)
        if row["entity_kind"] == "platform":
            p = conn.execute(sa.text(
                "SELECT p.kind, pp.name AS parent, p.district FROM public.platforms p"
                " LEFT JOIN public.platforms pp ON pp.id = p.parent_id WHERE p.name = :n"), {"n": e["name"]}).first()
            e.update(kind=p.kind, parent=p.parent, district=p.district)
        elif row["entity_kind"] == "enterprise":
            e["platform"] = conn.execute(sa.text(
                "SELECT p.name FROM public.enterprises e LEFT JOIN public.platforms p ON p.id = e.platform_id"
                " WHERE e.name = :n"), {"n": e["name"]}).scalar()
        elif row["entity_kind"] == "project":
            p = conn.execute(sa.text(
                "SELECT pl.name AS platform, en.name AS enterprise, pr.investment_yuan, pr.status"
                " FROM public.projects pr LEFT JOIN public.platforms pl ON pl.id = pr.platform_id"
                " LEFT JOIN public.enterprises en ON en.id = pr.enterprise_id WHERE pr.name = :n"), {"n": e["name"]}).first()
            e.update(platform=p.platform, enterprise=p.enterprise,
                     investment_yuan=None if p.investment_yuan is None else float(p.investment_yuan), status=p.status)
        e["optional"] = row["entity_kind"] == "institution"
        out[f"{row['entity_kind']}s" if row["entity_kind"] != "enterprise" else "enterprises"].append(e)
    for d in conn.execute(sa.text(
            "SELECT subject_name, designation, year FROM reporting.designations WHERE :k = ANY (source_keys)"
            " ORDER BY 1, 2"), {"k": source_key}).mappings():
        out["designations"].append({"subject": d["subject_name"], "designation": d["designation"], "year": d["year"],
                                    "optional": False})
    for f in conn.execute(sa.text("SELECT * FROM reporting.facts WHERE source_key = :k ORDER BY char_start, fact_key"),
                          {"k": source_key}).mappings():
        value = f["value"]
        out["facts"].append({"subject": f["subject_name"], "subject_kind": f["subject_kind"],
                             "metric": f["metric_text"], "value": int(value) if value == value.to_integral() else float(value),
                             "unit": f["unit"], "period": gold_period(f["period_kind"], f["period_start"], f["period_end"]),
                             "qualifier": f["qualifier"], "optional": False, "quote": f["quote"]})
    return out
