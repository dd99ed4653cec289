"""Records -> rows.  The one module that writes to the database.

Each function takes an open SQLAlchemy connection inside the caller's transaction;
the CLI opens one transaction per article, so a failure anywhere in here leaves
the database as it was before that article.  Writes are keyed on natural keys
(identity, names, aliases, fact_key) so two loaders racing cannot duplicate rows.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

import models as m
from loaders.records import Article, Entity, Extraction, Fact

# Facts under this confidence are candidates: kept in facts, left out of the reporting views.
# What the views show is decided in one place, the SQL function public.fact_confidence_threshold()
# (migration 0021); this is the same number, as is the extractor's own split into facts and
# candidates (loaders.extract.CONFIDENCE_THRESHOLD): tests/test_review.py checks that the three agree.
CONFIDENCE_THRESHOLD = 0.5

# Which table holds each entity kind, and the alias table beside it.
ENTITY_TABLES = {
    "platform": (m.Platform.__table__, m.PlatformAlias.__table__, "platform_id"),
    "enterprise": (m.Enterprise.__table__, m.EnterpriseAlias.__table__, "enterprise_id"),
    "project": (m.Project.__table__, m.ProjectAlias.__table__, "project_id"),
    "institution": (m.Institution.__table__, m.InstitutionAlias.__table__, "institution_id"),
}
# The advisory lock name refresh_fact_series() takes (sql/derived/fact_series.sql).
FACT_SERIES_LOCK = "public.fact_series"
# An article's transaction commits without waiting for its WAL to reach the disk (3 ms a commit here,
# a tenth of an article's store).  Atomicity is unchanged: after a crash of the server or the machine
# each article is wholly stored or absent; at most the last few hundred milliseconds of articles are
# absent, and the next run stores them.  The run's end (store.finish_run) commits synchronously, which
# flushes everything before it: a run recorded as finished has every article it counted on disk.
ASYNC_COMMIT = sa.func.set_config("synchronous_commit", "off", True)
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


# Whitespace does not count in a quote (review.normalised in SQL is the same).
_SPACE = re.compile("[ \t\n\r\f\v\u00a0\u3000]+")


def normalised(text: str) -> str:
    """A quote or figure without its whitespace, as fact keys hash it."""
    return _SPACE.sub("", text)


def source_identity(source_key: str) -> str:
    """The identity of an article that fact keys hang on: today its source_key.

    The one place to change when sources are identified by URL or absolute path
    (review.judgements keeps source_key too, and SQL's review.fact_key takes what this returns).
    """
    return source_key


def fact_key(identity: str, quote: str, figure: str, occurrence: str) -> str:
    """A fact's stable key: the article, the normalised quote, the figure's text and which copy of the quote.

    No char offsets and no extractor version, so the key survives reloads, edits elsewhere in the
    article and new extractors, as long as the passage survives (review.fact_key in SQL is the same).
    """
    return stable_key("fact", identity, normalised(quote), normalised(figure), occurrence)


def figure_text(fact: Fact) -> str:
    """The figure's own text within the quote (113.8亿元): the quantity there with the fact's value and unit."""
    from loaders.extract.quantities import find_quantities

    found = find_quantities(fact.quote)
    same = [q for q in found if q.unit == fact.unit and abs(q.value) == abs(fact.value)]
    if same:
        return fact.quote[same[0].start:same[0].end]
    return f"{fact.value}{fact.unit}"


def fact_keys(text: str, identity: str, facts: list[Fact], figures: list[str] | None = None) -> list[str]:
    """The stable key of each fact of an article, in order; facts sharing a quote copy and a figure are numbered.

    figures: figure_text of each fact when already known (the loader's workers compute them).
    """
    keys, seen = [], {}
    if figures is None:
        figures = [figure_text(f) for f in facts]
    for f, figure in zip(facts, figures, strict=True):
        occurrence = str(text.count(f.quote, 0, f.start)) if text else "0"
        key = fact_key(identity, f.quote, figure, occurrence)
        n = seen.get(key, 0)
        seen[key] = n + 1
        keys.append(key if n == 0 else fact_key(identity, f.quote, figure, f"{occurrence}.{n}"))
    return keys


def figure_texts(extraction: Extraction) -> list[str]:
    """figure_text of every fact and candidate, in the order insert_facts writes them (no database needed)."""
    return [figure_text(f) for f in extraction.facts + extraction.candidates]


# --- load runs ---------------------------------------------------------------------------------

def start_run(conn: sa.Connection, versions: Versions, paths: list[str], *, hostname: str | None = None,
              pid: int | None = None, backend_pid: int | None = None) -> int:
    """Insert a running load_runs row (with who runs it) and return its id."""
    table = m.LoadRun.__table__
    return conn.execute(
        table.insert().values(extractor_version=versions.extractor, dictionary_hash=versions.dictionary,
                              paths=paths, hostname=hostname, pid=pid, backend_pid=backend_pid)
        .returning(table.c.id)
    ).scalar_one()


def record_counts(conn: sa.Connection, run_id: int, counts: dict[str, int]) -> None:
    """Keep a running run's counts current, so a run that dies leaves its real counts behind."""
    table = m.LoadRun.__table__
    conn.execute(table.update().where(table.c.id == run_id).values(**counts))


def finish_run(conn: sa.Connection, run_id: int, status: str, counts: dict[str, int]) -> None:
    """Record the end of a run with its counts."""
    table = m.LoadRun.__table__
    conn.execute(table.update().where(table.c.id == run_id).values(
        status=status, finished_at=sa.func.clock_timestamp(), **counts))


def mark_dead_runs(conn: sa.Connection, own_run_id: int) -> list[int]:
    """Mark runs still `running` whose lock session is gone as interrupted; return their ids.

    Called by a run that holds the load lock: another run that says `running` cannot hold
    it, so its process died (killed, machine rebooted) or lost its lock.  Counts it never
    wrote are taken from the sources it stored and the rejections it recorded.
    """
    runs, src, rej = m.LoadRun.__table__, m.Source.__table__, m.RejectedFile.__table__
    alive = sa.select(sa.text("1")).select_from(sa.text("pg_stat_activity AS a")).where(
        sa.text("a.pid = load_runs.backend_pid"))
    stored = sa.select(sa.func.count()).where(src.c.load_run_id == runs.c.id).scalar_subquery()
    rejected = sa.select(sa.func.count()).where(rej.c.load_run_id == runs.c.id).scalar_subquery()
    last = sa.select(sa.func.max(src.c.last_loaded_at)).where(src.c.load_run_id == runs.c.id).scalar_subquery()
    stmt = (runs.update()
            .where(runs.c.status == "running", runs.c.id != own_run_id,
                   sa.or_(runs.c.backend_pid.is_(None), ~sa.exists(alive)))
            .values(status="interrupted",
                    finished_at=sa.func.greatest(runs.c.started_at, sa.func.coalesce(last, runs.c.started_at)),
                    files_stored=sa.func.greatest(runs.c.files_stored, stored - runs.c.files_replaced),
                    files_rejected=sa.func.greatest(runs.c.files_rejected, rejected))
            .returning(runs.c.id))
    return sorted(conn.execute(stmt).scalars())


def record_rejection(conn: sa.Connection, run_id: int, path: str, reason: str, sha256: str | None = None) -> None:
    """Keep a rejected file's path (escaped for display), reason and bytes' hash with its run."""
    conn.execute(m.RejectedFile.__table__.insert().values(load_run_id=run_id, path=path, reason=reason,
                                                          sha256=sha256))


def rejected_before(conn: sa.Connection, path: str, sha256: str | None, *, reason: str | None = None) -> bool:
    """Was this path with these bytes (for this reason, when given) rejected already?"""
    rej = m.RejectedFile.__table__
    where = [rej.c.path == path, rej.c.sha256 == sha256] + ([rej.c.reason == reason] if reason else [])
    return conn.execute(sa.select(sa.exists().where(*where))).scalar()


# --- deciding whether a file needs work ---------------------------------------------------------

@dataclass(frozen=True)
class Snapshot:
    """What the database holds for a run's files, read at its start in a few queries (not a few per file)."""

    sources: dict[str, object]              # sha256 -> the source with those bytes (classify's columns)
    paths: dict[str, int]                   # a file's resolved path -> the source it is recorded for
    rejected: set[tuple[str, str]]          # (path, sha256) pairs rejected before
    judged: dict[str, tuple]                # source_key -> (published_on, precision, judgement id) an analyst set
    identities: set[str] = frozenset()      # the files' identities that a source has


def snapshot(conn: sa.Connection, shas: set[str], paths: list[str], shown_paths: list[str],
             identities: list[str] = ()) -> Snapshot:
    """The run's Snapshot: sources by the sha256 and identity of the files given, their recorded paths,
    earlier rejections, analysts' dates."""
    src, sp, rej = m.Source.__table__, m.SourcePath.__table__, m.RejectedFile.__table__
    cols = (src.c.id, src.c.sha256, src.c.identity, src.c.source_key, src.c.original_path, src.c.manifest_entry,
            src.c.extractor_version, src.c.dictionary_hash)
    shas_param = sa.bindparam("shas", list(shas), type_=sa.ARRAY(sa.Text))
    sources = {row.sha256: row for row in conn.execute(sa.select(*cols).where(src.c.sha256 == sa.func.any(shas_param)))}
    known_paths = dict(conn.execute(sa.select(sp.c.path, sp.c.source_id).where(
        sp.c.path == sa.func.any(sa.bindparam("paths", paths, type_=sa.ARRAY(sa.Text))))).all())
    rejected = set(map(tuple, conn.execute(sa.select(rej.c.path, rej.c.sha256).where(
        rej.c.sha256 == sa.func.any(shas_param), rej.c.path == sa.func.any(
            sa.bindparam("shown", shown_paths, type_=sa.ARRAY(sa.Text)))))))
    judged = {row[0]: tuple(row[1:]) for row in conn.execute(sa.text(
        "SELECT DISTINCT ON (source_key) source_key, (changes ->> 'published_on')::date,"
        " coalesce(changes ->> 'published_precision', 'day'), id"
        " FROM review.judgements WHERE undone_at IS NULL AND action = 'source_set' AND changes ? 'published_on'"
        " ORDER BY source_key, id DESC"))}
    taken = set(conn.execute(sa.select(src.c.identity).where(
        src.c.identity == sa.func.any(sa.bindparam("identities", list(identities), type_=sa.ARRAY(sa.Text))))).scalars())
    return Snapshot(sources, known_paths, rejected, judged, taken)


@dataclass(frozen=True)
class Known:
    """What the database already holds for a file."""

    state: str            # 'new', 'unchanged', 'changed' (new version or new extractor), 'duplicate'
    source_id: int | None = None
    identity: str | None = None
    at_home: bool = True  # the file is the source's own (its identity or first path), not another copy
    source_key: str | None = None
    original_path: str | None = None
    manifest_entry: str | None = None
    published_on: object = None


def classify(conn: sa.Connection, identity: str, sha256: str, versions: Versions, *, path: str | None = None) -> Known:
    """Is this file new, unchanged, a new version of a source, or the same bytes as another source?

    The same bytes are the same article wherever they sit; otherwise a source with the
    file's identity (URL or resolved path) is the article it is a new version of.
    """
    src = m.Source.__table__
    cols = (src.c.id, src.c.sha256, src.c.identity, src.c.source_key, src.c.original_path, src.c.manifest_entry,
            src.c.published_on, src.c.extractor_version, src.c.dictionary_hash)
    row = conn.execute(sa.select(*cols).where(src.c.sha256 == sha256)).first()
    if row is not None:
        current = (row.extractor_version, row.dictionary_hash) == (versions.extractor, versions.dictionary)
        at_home = row.identity == identity or row.original_path == path
        state = ("unchanged" if at_home else "duplicate") if current else "changed"
        return Known(state, row.id, row.identity, at_home, row.source_key, row.original_path, row.manifest_entry, row.published_on)
    row = conn.execute(sa.select(*cols).where(src.c.identity == identity)).first()
    if row is not None:
        return Known("changed", row.id, row.identity, True, row.source_key, row.original_path, row.manifest_entry, row.published_on)
    return Known("new")


def free_source_key(conn: sa.Connection, candidates: list[str]) -> str:
    """The first candidate key no source has yet (the last one, a full path, is always free in practice)."""
    src = m.Source.__table__
    taken = set(conn.execute(sa.select(src.c.source_key).where(src.c.source_key.in_(candidates))).scalars())
    return next((c for c in candidates if c not in taken), candidates[-1])


def remember_path(conn: sa.Connection, source_id: int, path: str, source_key: str) -> None:
    """Record a path a source's bytes were found at (it moves to this source if another had it)."""
    stmt = insert(m.SourcePath.__table__).values(source_id=source_id, path=str(path), source_key=source_key)
    conn.execute(stmt.on_conflict_do_update(index_elements=["path"],
                                            set_={"source_id": stmt.excluded.source_id},
                                            where=m.SourcePath.__table__.c.source_id != stmt.excluded.source_id))


# --- one article --------------------------------------------------------------------------------

def store_article(conn: sa.Connection, *, source_key: str, path: Path | str, sha256: str, byte_size: int,
                  article: Article, extraction: Extraction, versions: Versions, run_id: int | None,
                  identity: str | None = None, source_id: int | None = None,
                  manifest_entry: str | None = None, figures: list[str] | None = None) -> StoredCounts:
    """Write the source (a new one, or a new version of source_id) and replace its facts, mentions and designations.

    figures: figure_texts(extraction), when computed already.
    """
    identity = identity or str(path)
    # In one round trip: serialise writers of the same article even if someone bypasses the load lock;
    # then the lock the triggers that keep public.fact_series take when the facts are written: taking it
    # before any entity row is locked keeps one order of locks for every writer (no deadlock between
    # two loads that bypass the load lock: one would hold an entity row and wait here, the other the reverse);
    # and an asynchronous commit (see ASYNC_COMMIT).
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(identity)),
                           sa.func.pg_advisory_xact_lock(sa.func.hashtext(FACT_SERIES_LOCK)), ASYNC_COMMIT))
    source_id, fresh = upsert_source(conn, source_id, identity, source_key, str(path), sha256, byte_size, article,
                                     versions, run_id, manifest_entry)
    remember_path(conn, source_id, str(path), source_key)
    if not fresh:   # a new version: its rows go (a source inserted just now has none)
        for table in (m.Fact.__table__, m.EntityMention.__table__, m.Designation.__table__):
            conn.execute(table.delete().where(table.c.source_id == source_id))
    ids = upsert_entities(conn, extraction.entities, source_id)
    link_entities(conn, extraction.entities, ids)
    regions = upsert_regions(conn, {f.subject_name for f in extraction.facts + extraction.candidates
                                    if f.subject_kind == "region"}
                             | {d.subject_name for d in extraction.designations if d.subject_kind == "region"})
    ids.update({("region", name): rid for name, rid in regions.items()})
    metrics = upsert_metrics(conn, {f.metric for f in extraction.facts + extraction.candidates})
    facts = insert_facts(conn, source_id, extraction, ids, metrics, versions.extractor,
                         article.text, source_identity(source_key), figures)  # candidates included
    mentions = insert_mentions(conn, source_id, extraction, ids, versions.extractor)
    designations = insert_designations(conn, source_id, extraction, ids, versions.extractor)
    apply_judgements(conn, source_id)
    return StoredCounts(facts, mentions, designations)


def apply_judgements(conn: sa.Connection, source_id: int) -> None:
    """Analysts' judgements of this article, applied again to what was just extracted (one set-based step)."""
    conn.execute(sa.select(sa.func.review.apply_article_judgements(source_id)))


def apply_entity_judgements(conn: sa.Connection) -> None:
    """Entity judgements (merge, rename, aliases, platform fields), applied again after a load run."""
    conn.execute(sa.select(sa.func.review.apply_entity_judgements()))


def judged_date(conn: sa.Connection, source_key: str):
    """The publication date and precision an analyst set for the article, or None."""
    row = conn.execute(sa.text(
        "SELECT (changes ->> 'published_on')::date AS published_on,"
        " coalesce(changes ->> 'published_precision', 'day') AS precision, id"
        " FROM review.judgements WHERE source_key = :key AND undone_at IS NULL AND action = 'source_set'"
        " AND changes ? 'published_on' ORDER BY id DESC LIMIT 1"), {"key": source_key}).first()
    return row


def metadata_values(article: Article) -> dict:
    """The sources columns that come from the file's metadata (manifest, page), not its text."""
    return dict(publisher=article.publisher, url=article.url, published_on=article.published_on,
                published_precision=article.date_precision if article.published_on else None,
                published_basis=article.date_basis if article.published_on else None,
                published_note=article.date_note)


def upsert_source(conn: sa.Connection, source_id: int | None, identity: str, source_key: str, path: str,
                  sha256: str, byte_size: int, article: Article, versions: Versions, run_id: int | None,
                  manifest_entry: str | None) -> tuple[int, bool]:
    """Insert a source, or update source_id (a new version keeps its key and first path).

    Returns its id and whether the row was inserted just now (not found at its identity).
    """
    src = m.Source.__table__
    values = dict(
        identity=identity, source_key=source_key, original_path=path, sha256=sha256, byte_size=byte_size,
        media_type=article.media_type, encoding=article.encoding, raw_text=article.raw_text, text=article.text,
        title=article.title, subtitle=article.subtitle, authors=list(article.authors),
        **metadata_values(article), extractor_version=versions.extractor,
        dictionary_hash=versions.dictionary, load_run_id=run_id, manifest_entry=manifest_entry,
    )
    if source_id is not None:
        kept = {k: v for k, v in values.items() if k not in ("source_key", "original_path")}
        # clock time, not now(): a racing writer that began first commits second
        return conn.execute(src.update().where(src.c.id == source_id)
                            .values(**kept, last_loaded_at=sa.func.clock_timestamp()).returning(src.c.id)).scalar_one(), False
    stmt = insert(src).values(**values)
    updated = {k: stmt.excluded[k] for k in values if k not in ("identity", "source_key", "original_path")}
    stmt = stmt.on_conflict_do_update(index_elements=["identity"],
                                      set_={**updated, "last_loaded_at": sa.func.clock_timestamp()})
    # xmax is 0 on a row version this statement inserted, and not 0 on one it updated
    row = conn.execute(stmt.returning(src.c.id, sa.literal_column("xmax = 0"))).one()
    return row[0], bool(row[1])


def update_metadata(conn: sa.Connection, source_id: int, article: Article, manifest_entry: str | None,
                    identity: str, redate) -> int:
    """Apply new metadata (manifest row, page date) to a stored source without re-extracting it.

    Facts whose period was relative to the publication date are re-dated with
    redate(period_expr, published_on) -> (period_kind, period_start, period_end);
    returns how many facts changed.
    """
    src, facts = m.Source.__table__, m.Fact.__table__
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(identity)), ASYNC_COMMIT))
    conn.execute(src.update().where(src.c.id == source_id).values(
        **metadata_values(article), manifest_entry=manifest_entry, identity=identity))
    changed = 0
    rows = conn.execute(sa.select(facts.c.id, facts.c.period_expr, facts.c.period_kind, facts.c.period_start,
                                  facts.c.period_end)
                        .where(facts.c.source_id == source_id, facts.c.period_expr.is_not(None))).all()
    if rows:
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(sa.func.hashtext(FACT_SERIES_LOCK))))
    for row in rows:
        period = tuple(redate(row.period_expr, article.published_on))
        if period != (row.period_kind, row.period_start, row.period_end):
            conn.execute(facts.update().where(facts.c.id == row.id).values(
                period_kind=period[0], period_start=period[1], period_end=period[2]))
            changed += 1
    return changed


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
                 ids: dict[tuple[str, str], int], metrics: dict[str, int], version: str,
                 text: str = "", identity: str = "", figures: list[str] | None = None) -> int:
    """Write the article's facts in one statement; return how many."""
    from models.facts import SUBJECT_IDS

    # Candidates (under the confidence threshold) are stored too: the views leave them out by confidence.
    found = extraction.facts + extraction.candidates
    rows = {}
    for f, key in zip(found, fact_keys(text, identity, found, figures)):
        row = one_of_ids(SUBJECT_IDS, f.subject_kind, ids[(f.subject_kind, f.subject_name)])
        row.update({
            "source_id": source_id, "fact_key": key, "subject_kind": f.subject_kind,
            "metric_id": metrics[f.metric], "metric_text": f.metric_text, "value": f.value, "unit": f.unit,
            "value_base": f.value_base, "base_unit": f.base_unit if f.value_base is not None else None,
            "qualifier": f.qualifier, "period_kind": f.period_kind, "period_start": f.period_start,
            "period_end": f.period_end, "quote": f.quote, "char_start": f.start, "char_end": f.end,
            "extractor_version": version, "confidence": f.confidence, "reasons": list(f.reasons),
            "period_expr": f.period_expr,
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
