"""Records -> rows.  The one module that writes to the database.

Each function takes an open SQLAlchemy connection inside the caller's transaction;
the CLI opens one transaction per article, so a failure anywhere in here leaves
the database as it was before that article.  Writes are keyed on natural keys
(source_key, names, aliases, fact_key) so two loaders racing cannot duplicate rows.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import models as m
from loaders.records import Article, Entity, Extraction

# Which table holds each entity kind, and the alias table beside it.
ENTITY_TABLES = {
    "platform": (m.Platform.__table__, m.PlatformAlias.__table__, "platform_id"),
    "enterprise": (m.Enterprise.__table__, m.EnterpriseAlias.__table__, "enterprise_id"),
    "project": (m.Project.__table__, m.ProjectAlias.__table__, "project_id"),
    "institution": (m.Institution.__table__, m.InstitutionAlias.__table__, "institution_id"),
}
# The advisory lock name refresh_fact_series() takes (sql/derived/fact_series.sql).
FACT_SERIES_LOCK = "public.fact_series"
CITY_PREFIXES = ("杭州市", "杭州")
REGION_LEVEL_SUFFIXES = (("省", "province"), ("市", "city"), ("区", "district"), ("县", "county"))


@dataclass(frozen=True)
class Versions:
    """What produced the rows: stored with every source and run."""

    extractor: str
    dictionary: str


@dataclass(frozen=True)
class StoredCounts:
    facts: int
    mentions: int
    designations: int


def stable_key(*parts: object) -> str:
    """A deterministic hash of the fields that identify a statement."""
    return hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode()).hexdigest()[:32]


# --- load runs ---------------------------------------------------------------------------------

def start_run(conn: sa.Connection, versions: Versions, paths: list[str]) -> int:
    """Insert a running load_runs row and return its id."""
    table = m.LoadRun.__table__
    return conn.execute(
        table.insert().values(extractor_version=versions.extractor, dictionary_hash=versions.dictionary,
                              paths=paths).returning(table.c.id)
    ).scalar_one()


def finish_run(conn: sa.Connection, run_id: int, status: str, counts: dict[str, int]) -> None:
    """Record the end of a run with its counts."""
    table = m.LoadRun.__table__
    conn.execute(table.update().where(table.c.id == run_id).values(
        status=status, finished_at=sa.func.clock_timestamp(), **counts))


def record_rejection(conn: sa.Connection, run_id: int, path: Path, reason: str) -> None:
    """Keep a rejected file's path and reason with its run."""
    conn.execute(m.RejectedFile.__table__.insert().values(load_run_id=run_id, path=str(path), reason=reason))


# --- deciding whether a file needs work ---------------------------------------------------------

@dataclass(frozen=True)
class Known:
    """What the database already holds for a file."""

    state: str            # 'new', 'unchanged', 'changed', 'duplicate'
    source_id: int | None


def classify(conn: sa.Connection, source_key: str, sha256: str, versions: Versions) -> Known:
    """Is this file new, unchanged, changed, or the same bytes as another source?"""
    src = m.Source.__table__
    row = conn.execute(sa.select(src.c.id, src.c.sha256, src.c.extractor_version, src.c.dictionary_hash)
                       .where(src.c.source_key == source_key)).first()
    if row is not None:
        same = (row.sha256, row.extractor_version, row.dictionary_hash) == (sha256, versions.extractor, versions.dictionary)
        return Known("unchanged" if same else "changed", row.id)
    other = conn.execute(sa.select(src.c.id).where(src.c.sha256 == sha256)).scalar()
    return Known("duplicate", other) if other is not None else Known("new", None)


def remember_path(conn: sa.Connection, source_id: int, path: Path, source_key: str) -> None:
    """Record another path a source's bytes were found at (no-op when known)."""
    conn.execute(insert(m.SourcePath.__table__)
                 .values(source_id=source_id, path=str(path), source_key=source_key)
                 .on_conflict_do_nothing(index_elements=["path"]))


# --- one article --------------------------------------------------------------------------------

def store_article(conn: sa.Connection, *, source_key: str, path: Path, sha256: str, byte_size: int,
                  article: Article, extraction: Extraction, versions: Versions, run_id: int | None) -> StoredCounts:
    """Upsert the source and replace its facts, mentions and designations with extraction's."""
    # Serialise writers of the same article even if someone bypasses the load lock.
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(source_key))))
    # The triggers that keep public.fact_series take this lock when the facts are written; taking it
    # before any entity row is locked keeps one order of locks for every writer (no deadlock between
    # two loads that bypass the load lock: one would hold an entity row and wait here, the other the reverse).
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(FACT_SERIES_LOCK))))
    source_id = upsert_source(conn, source_key, path, sha256, byte_size, article, versions, run_id)
    remember_path(conn, source_id, path, source_key)
    for table in (m.Fact.__table__, m.EntityMention.__table__, m.Designation.__table__):
        conn.execute(table.delete().where(table.c.source_id == source_id))
    ids = upsert_entities(conn, extraction.entities, source_id)
    link_entities(conn, extraction.entities, ids)
    regions = upsert_regions(conn, {f.subject_name for f in extraction.facts if f.subject_kind == "region"}
                             | {d.subject_name for d in extraction.designations if d.subject_kind == "region"})
    ids.update({("region", name): rid for name, rid in regions.items()})
    metrics = upsert_metrics(conn, {f.metric for f in extraction.facts})
    facts = insert_facts(conn, source_id, extraction, ids, metrics, versions.extractor)
    mentions = insert_mentions(conn, source_id, extraction, ids, versions.extractor)
    designations = insert_designations(conn, source_id, extraction, ids, versions.extractor)
    return StoredCounts(facts, mentions, designations)


def upsert_source(conn: sa.Connection, source_key: str, path: Path, sha256: str, byte_size: int,
                  article: Article, versions: Versions, run_id: int | None) -> int:
    """Insert or update the sources row for source_key; return its id."""
    src = m.Source.__table__
    values = dict(
        source_key=source_key, original_path=str(path), sha256=sha256, byte_size=byte_size,
        media_type=article.media_type, encoding=article.encoding, raw_text=article.raw_text, text=article.text,
        title=article.title, subtitle=article.subtitle, authors=list(article.authors), publisher=article.publisher,
        url=article.url, published_on=article.published_on,
        published_precision=article.date_precision if article.published_on else None,
        published_basis=article.date_basis if article.published_on else None,
        published_note=article.date_note, extractor_version=versions.extractor,
        dictionary_hash=versions.dictionary, load_run_id=run_id,
    )
    stmt = insert(src).values(**values)
    updated = {k: stmt.excluded[k] for k in values if k not in ("source_key", "original_path")}
    stmt = stmt.on_conflict_do_update(index_elements=["source_key"],
                                      # clock time, not now(): a racing writer that began first commits second
                                      set_={**updated, "last_loaded_at": sa.func.clock_timestamp()})
    return conn.execute(stmt.returning(src.c.id)).scalar_one()


# --- entities -------------------------------------------------------------------------------------

def upsert_entities(conn: sa.Connection, entities: list[Entity], source_id: int) -> dict[tuple[str, str], int]:
    """Find or create every entity by name or alias; return {(kind, article name): id}.

    A few statements per kind whatever the number of entities: one lookup, one insert of
    the new ones, one insert of aliases (plus an update in the rare case of a fuller name).
    """
    ids: dict[tuple[str, str], int] = {}
    for kind, (table, alias_table, fk) in ENTITY_TABLES.items():
        # Name order: writers racing on shared entities lock their rows in the same order (no deadlock).
        of_kind = sorted((e for e in entities if e.kind == kind), key=lambda e: e.name)
        if not of_kind:
            continue
        known = lookup_names(conn, table, alias_table, fk, {v for e in of_kind for v in variants(e)})
        new = [e for e in of_kind if not any(v in known for v in variants(e))]
        known.update(insert_entities(conn, table, new, source_id))
        names: dict[int, str] = {}  # entity id -> its name as stored now
        for entity in of_kind:
            entity_id, current = next(known[v] for v in variants(entity) if v in known)
            current = names.get(entity_id, current)
            if entity.name != current and current in entity.name:
                current = rename(conn, table, alias_table, fk, entity_id, current, entity.name, source_id)
            names[entity_id] = current
            ids[(kind, entity.name)] = entity_id
        add_aliases(conn, alias_table, fk, [(ids[(kind, e.name)], f) for e in of_kind for f in (e.name, *e.aliases)
                                            if f != names[ids[(kind, e.name)]]], source_id)
    return ids


def variants(entity: Entity) -> list[str]:
    """Forms under which another article may have stored the entity, best first.

    Articles about Hangzhou drop or add the city prefix freely (杭州青山湖科技城 /
    青山湖科技城), so a name with and without it is the same entity.
    """
    forms = [entity.name, *entity.aliases]
    for form in list(forms):
        bare = next((form[len(p):] for p in CITY_PREFIXES if form.startswith(p) and len(form) > len(p) + 2), None)
        forms += [bare] if bare else [p + form for p in CITY_PREFIXES]
    return list(dict.fromkeys(forms))


def lookup_names(conn: sa.Connection, table: sa.Table, alias_table: sa.Table, fk: str,
                 forms: set[str]) -> dict[str, tuple[int, str]]:
    """Map each known form (name or alias) to (entity id, entity name), in one query."""
    by_name = sa.select(table.c.name.label("form"), table.c.id, table.c.name).where(table.c.name.in_(forms))
    by_alias = (sa.select(alias_table.c.alias.label("form"), table.c.id, table.c.name)
                .join(table, table.c.id == alias_table.c[fk]).where(alias_table.c.alias.in_(forms)))
    return {row.form: (row.id, row.name) for row in conn.execute(sa.union_all(by_name, by_alias))}


def insert_entities(conn: sa.Connection, table: sa.Table, entities: list[Entity],
                    source_id: int) -> dict[str, tuple[int, str]]:
    """Insert new entity rows in one statement (racing writers meet at the unique name)."""
    rows = {}
    for e in entities:
        row: dict[str, object] = {"name": e.name, "first_source_id": source_id}
        if e.kind == "platform":
            row.update(kind=e.platform_kind or "park", district=e.district)
        rows.setdefault(e.name, row)
    if not rows:
        return {}
    stmt = insert(table).values(list(rows.values()))
    stmt = stmt.on_conflict_do_update(index_elements=["name"], set_={"name": stmt.excluded.name})
    return {row.name: (row.id, row.name) for row in conn.execute(stmt.returning(table.c.id, table.c.name))}


def rename(conn: sa.Connection, table: sa.Table, alias_table: sa.Table, fk: str, entity_id: int,
           current: str, fuller: str, source_id: int) -> str:
    """Rename an entity to a fuller form of its name (青山湖科技城 -> 杭州青山湖科技城); return the name it has."""
    if conn.execute(sa.select(table.c.id).where(table.c.name == fuller)).first():
        return current  # another entity already has that name: leave both alone
    conn.execute(alias_table.delete().where(alias_table.c.alias == fuller))
    conn.execute(table.update().where(table.c.id == entity_id).values(name=fuller))
    add_aliases(conn, alias_table, fk, [(entity_id, current)], source_id)
    return fuller


def add_aliases(conn: sa.Connection, alias_table: sa.Table, fk: str, pairs: list[tuple[int, str]],
                source_id: int) -> None:
    """Record (entity id, form) pairs as aliases in one statement; the first owner keeps an alias."""
    rows = {form: {fk: entity_id, "alias": form, "first_source_id": source_id} for entity_id, form in pairs}
    if rows:
        conn.execute(insert(alias_table).values(list(rows.values())).on_conflict_do_nothing(index_elements=["alias"]))


def link_entities(conn: sa.Connection, entities: list[Entity], ids: dict[tuple[str, str], int]) -> None:
    """Fill in hierarchy and ownership the article states, without erasing what others said.

    One executemany per kind (psycopg sends it in one pipeline).
    """
    def ref(kind: str, name: str | None) -> int | None:
        return ids.get((kind, name)) if name else None

    platforms, enterprises, projects = m.Platform.__table__, m.Enterprise.__table__, m.Project.__table__
    bp = sa.bindparam
    updates = [
        (platforms.update().where(platforms.c.id == bp("own")).values(
            parent_id=sa.func.coalesce(platforms.c.parent_id, bp("parent", type_=sa.BigInteger)),
            district=sa.func.coalesce(platforms.c.district, bp("district", type_=sa.Text))),
         [{"own": ids[("platform", e.name)], "district": e.district,
           "parent": None if ref("platform", e.parent) == ids[("platform", e.name)] else ref("platform", e.parent)}
          for e in entities if e.kind == "platform"]),
        (enterprises.update().where(enterprises.c.id == bp("own")).values(platform_id=bp("platform")),
         [{"own": ids[("enterprise", e.name)], "platform": ref("platform", e.platform)}
          for e in entities if e.kind == "enterprise" and ref("platform", e.platform)]),
        (projects.update().where(projects.c.id == bp("own")).values(
            platform_id=sa.func.coalesce(bp("platform", type_=sa.BigInteger), projects.c.platform_id),
            enterprise_id=sa.func.coalesce(bp("enterprise", type_=sa.BigInteger), projects.c.enterprise_id),
            investment_yuan=sa.func.coalesce(bp("investment", type_=sa.Numeric), projects.c.investment_yuan),
            status=sa.func.coalesce(bp("status", type_=sa.Text), projects.c.status)),
         [{"own": ids[("project", e.name)], "platform": ref("platform", e.platform),
           "enterprise": ref("enterprise", e.enterprise), "investment": e.investment_yuan, "status": e.status}
          for e in entities if e.kind == "project"]),
    ]
    for stmt, rows in updates:
        if rows:
            conn.execute(stmt, rows)


def region_level(name: str) -> str | None:
    """Guess an administrative level from the name's suffix (浙江省 -> province)."""
    return next((level for suffix, level in REGION_LEVEL_SUFFIXES if name.endswith(suffix)), None)


def upsert_regions(conn: sa.Connection, names: set[str]) -> dict[str, int]:
    """Find or create regions by name; return {name: id}."""
    if not names:
        return {}
    table = m.Region.__table__
    rows = [{"name": n, "level": region_level(n)} for n in sorted(names)]
    stmt = insert(table).values(rows)
    stmt = stmt.on_conflict_do_update(index_elements=["name"], set_={"name": stmt.excluded.name})
    return {row.name: row.id for row in conn.execute(stmt.returning(table.c.name, table.c.id))}


# --- metrics, facts, mentions, designations ---------------------------------------------------------

def sync_catalogue(conn: sa.Connection, catalogue) -> None:
    """Make the metric catalogue (loaders.extract.metrics.CATALOGUE) and its aliases present; idempotent."""
    table, aliases = m.Metric.__table__, m.MetricAlias.__table__
    rows = [{"name": x.name, "unit_family": x.unit_family, "description": x.description, "is_catalogued": True}
            for x in catalogue]
    if not rows:
        return
    stmt = insert(table).values(rows)
    conn.execute(stmt.on_conflict_do_update(
        index_elements=["name"],
        set_={"unit_family": stmt.excluded.unit_family, "description": stmt.excluded.description,
              "is_catalogued": True},
        where=sa.or_(table.c.is_catalogued.is_(False),
                     table.c.unit_family.is_distinct_from(stmt.excluded.unit_family),
                     table.c.description.is_distinct_from(stmt.excluded.description))))
    ids = dict(conn.execute(sa.select(table.c.name, table.c.id)).all())
    alias_rows = [{"metric_id": ids[x.name], "alias": a} for x in catalogue for a in x.aliases if a != x.name]
    if alias_rows:
        conn.execute(insert(aliases).values(alias_rows).on_conflict_do_nothing(index_elements=["alias"]))


def upsert_metrics(conn: sa.Connection, names: set[str]) -> dict[str, int]:
    """Ids of the named metrics, creating uncatalogued ones as needed."""
    if not names:
        return {}
    table = m.Metric.__table__
    conn.execute(insert(table).values([{"name": n} for n in sorted(names)])
                 .on_conflict_do_nothing(index_elements=["name"]))
    return dict(conn.execute(sa.select(table.c.name, table.c.id).where(table.c.name.in_(names))).all())


def copy_rows(conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
    """Write rows with COPY on the connection's own transaction (several times faster than INSERT)."""
    if not rows:
        return
    columns = list(rows[0])
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


def one_of_ids(columns: dict[str, str], kind: str, entity_id: int) -> dict[str, int | None]:
    """The kind's id column set to entity_id and the other kinds' id columns NULL (one multi-row INSERT needs every key)."""
    return {col: entity_id if k == kind else None for k, col in columns.items()}


def insert_facts(conn: sa.Connection, source_id: int, extraction: Extraction,
                 ids: dict[tuple[str, str], int], metrics: dict[str, int], version: str) -> int:
    """Write the article's facts in one statement; return how many."""
    from models.facts import SUBJECT_IDS

    rows = {}
    for f in extraction.facts:
        key = stable_key(f.subject_kind, f.subject_name, f.metric_text, f.value, f.unit, f.qualifier,
                         f.period_kind, f.period_start, f.period_end, f.start, f.end)
        row = one_of_ids(SUBJECT_IDS, f.subject_kind, ids[(f.subject_kind, f.subject_name)])
        row.update({
            "source_id": source_id, "fact_key": key, "subject_kind": f.subject_kind,
            "metric_id": metrics[f.metric], "metric_text": f.metric_text, "value": f.value, "unit": f.unit,
            "value_base": f.value_base, "base_unit": f.base_unit if f.value_base is not None else None,
            "qualifier": f.qualifier, "period_kind": f.period_kind, "period_start": f.period_start,
            "period_end": f.period_end, "quote": f.quote, "char_start": f.start, "char_end": f.end,
            "extractor_version": version,
        })
        rows[key] = row
    copy_rows(conn, m.Fact.__table__, list(rows.values()))
    return len(rows)


def insert_mentions(conn: sa.Connection, source_id: int, extraction: Extraction,
                    ids: dict[tuple[str, str], int], version: str) -> int:
    """Write the article's entity mentions in one statement; return how many."""
    from models.facts import MENTION_IDS

    rows = {}
    for mention in extraction.mentions:
        row = one_of_ids(MENTION_IDS, mention.kind, ids[(mention.kind, mention.name)])
        row.update({
            "source_id": source_id,
            "entity_kind": mention.kind, "surface": mention.surface, "char_start": mention.start,
            "char_end": mention.end, "extractor_version": version,
        })
        rows[(mention.kind, mention.start, mention.end)] = row
    copy_rows(conn, m.EntityMention.__table__, list(rows.values()))
    return len(rows)


def insert_designations(conn: sa.Connection, source_id: int, extraction: Extraction,
                        ids: dict[tuple[str, str], int], version: str) -> int:
    """Write the article's designations in one statement; return how many."""
    from models.facts import DESIGNATION_IDS

    rows = {}
    for d in extraction.designations:
        subject_id = ids.get((d.subject_kind, d.subject_name))
        if subject_id is None:  # the subject was not recognised as an entity: nothing to hang it on
            continue
        key = stable_key(d.subject_kind, d.subject_name, d.designation, d.year)
        row = one_of_ids(DESIGNATION_IDS, d.subject_kind, subject_id)
        row.update({
            "source_id": source_id, "designation_key": key,
            "subject_kind": d.subject_kind, "designation": d.designation, "year": d.year, "quote": d.quote,
            "char_start": d.start, "char_end": d.end, "extractor_version": version,
        })
        rows[key] = row
    copy_rows(conn, m.Designation.__table__, list(rows.values()))
    return len(rows)
