"""`parkdb` (also `python -m loaders`): the command line of CONTRACT.md.

Thin on purpose: parse arguments, resolve the database, open one transaction per
article, print the report.  Reading, extraction and storing live elsewhere.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from loaders import db

ROOT = Path(__file__).resolve().parent.parent
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
    """Alembic's Config for this checkout, pointed at database_url when given."""
    from alembic.config import Config

    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(ROOT / "alembic"))
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


def max_mb(given: float | None) -> float:
    """The size limit: --max-mb, else $PARKDB_MAX_MB, else 5."""
    if given is not None:
        return given
    try:
        return float(os.environ.get("PARKDB_MAX_MB") or 5)
    except ValueError:
        raise UsageError(f"PARKDB_MAX_MB={os.environ['PARKDB_MAX_MB']!r} is not a number of MB") from None


def default_folder() -> str:
    """seeds/ in the current folder, else the checkout's seeds/."""
    return "seeds" if Path("seeds").is_dir() else str(ROOT / "seeds")


def cmd_load(args) -> int:
    database, engine = db.open_engine(args.database_url)
    ensure_schema(engine, database)
    paths = args.paths or [default_folder()]
    files, skipped = discover(paths)

    def warn(message: str) -> None:
        print(message, file=sys.stderr)

    show_bar = sys.stderr.isatty() and not (args.quiet or args.json)
    report = run_load(engine, files, skipped, paths, wait=args.wait,
                      max_bytes=int(max_mb(args.max_mb) * 2**20), warn=warn, progress=progress_bar(show_bar))
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

def cmd_upgrade(args) -> int:
    _, engine = db.open_engine(args.database_url)
    before, after = upgrade(engine)
    print(f"schema at {after} (was {before or 'empty'})")
    return EXIT_OK


def cmd_url(args) -> int:
    print(db.libpq_url(db.resolve(args.database_url).url))
    return EXIT_OK


def cmd_stop(args) -> int:
    home = db.parkdb_home()
    print(f"stopped the embedded server in {home}" if db.stop_embedded(home)
          else f"no embedded server running in {home}")
    return EXIT_OK


READ_ONLY_STARTS = ("select", "with", "values", "table", "explain", "show")


def cmd_sql(args) -> int:
    query = args.query.strip().rstrip(";").strip()
    if not query.lower().startswith(READ_ONLY_STARTS):
        raise UsageError("parkdb sql runs one read-only query (SELECT, WITH, VALUES, TABLE, EXPLAIN, SHOW)")
    import psycopg

    database, _ = db.open_engine(args.database_url)
    with psycopg.connect(db.libpq_url(database.url), connect_timeout=10) as conn:
        conn.execute("SET TRANSACTION READ ONLY")
        try:
            # prepare=True: the server refuses more than one statement in a prepared query.
            cur = conn.execute(query, prepare=True)
        except psycopg.Error as exc:
            raise UsageError(f"query failed: {str(exc).strip()}") from None
        header = [c.name for c in cur.description or []]
        rows = cur.fetchall()
        conn.rollback()
    print_table(header, rows, as_csv=args.csv)
    return EXIT_OK


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

    _, engine = db.open_engine(args.database_url)
    with engine.connect() as conn:
        current = current_revision(conn)
        head = head_revision()
        shown = engine.url.set(password=None) if not engine.url.password else engine.url
        print(f"database: {shown.render_as_string(hide_password=True)}")
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

def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database-url", default=argparse.SUPPRESS,
                        help="PostgreSQL URL (default: $DATABASE_URL, else the embedded server in $PARKDB_HOME)")
    top = argparse.ArgumentParser(prog="parkdb", parents=[common],
                                  description="Chinese economic news about Hangzhou's industrial platforms -> PostgreSQL.")
    sub = top.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", parents=[common], help="read article files, extract, store")
    load.add_argument("paths", nargs="*", help="files or folders (.txt/.html/.htm, recursively); default seeds/")
    load.add_argument("--quiet", action="store_true", help="only warnings and the one-line summary (for cron)")
    load.add_argument("--json", action="store_true", help="print the summary as JSON")
    load.add_argument("--wait", action="store_true", help="wait for another running load instead of exiting 3")
    load.add_argument("--max-mb", type=float, default=None,
                      help="reject files larger than this many MB (default 5, or $PARKDB_MAX_MB)")
    load.set_defaults(func=cmd_load)
    sub.add_parser("upgrade", parents=[common], help="alembic upgrade head").set_defaults(func=cmd_upgrade)
    sub.add_parser("url", parents=[common], help="print a libpq URL of the database").set_defaults(func=cmd_url)
    sub.add_parser("stop", parents=[common], help="stop the embedded server").set_defaults(func=cmd_stop)
    sql = sub.add_parser("sql", parents=[common], help="run one read-only query and print a table")
    sql.add_argument("query")
    sql.add_argument("--csv", action="store_true", help="print CSV instead of a table")
    sql.set_defaults(func=cmd_sql)
    sub.add_parser("status", parents=[common], help="schema revision, row counts, last load runs").set_defaults(
        func=cmd_status)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.database_url = getattr(args, "database_url", None)
    try:
        return args.func(args)
    except (UsageError, db.ConfigError) as exc:
        print(f"parkdb {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SchemaNotAtHead as exc:
        print(f"parkdb {args.command}: {exc}", file=sys.stderr)
        return EXIT_NOT_AT_HEAD
    except BrokenPipeError:  # `parkdb sql ... | head`: the reader left, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
