"""Where the database is: an explicit URL, DATABASE_URL, or the embedded server.

CONTRACT.md: `--database-url` beats `DATABASE_URL`; with neither, an embedded
PostgreSQL whose data lives in `$PARKDB_HOME/pgdata` (PARKDB_HOME defaults to the
per-user data directory, so every command finds the same database from anywhere) is
started on demand and left running until `parkdb stop` (loaders/server.py runs it).
Alembic's env.py resolves the URL through here too.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from loaders import server

EMBEDDED_DBNAME = "parkdb"
MIN_SERVER_VERSION = 150000  # PostgreSQL 15 (CONTRACT.md): revoking CREATE on public, MERGE, ...


class ConfigError(Exception):
    """The database cannot be located or reached; the message says why."""


@dataclass(frozen=True)
class Database:
    url: str            # SQLAlchemy URL (postgresql+psycopg://...)
    embedded: bool      # True when it is this project's embedded server
    home: Path | None = None

    def describe(self) -> str:
        """One line naming the database, password hidden."""
        if self.embedded:
            return f"database: embedded PostgreSQL in {self.home} (PARKDB_HOME)"
        return f"database: {make_url(self.url).render_as_string(hide_password=True)}"


def parkdb_home() -> Path:
    """The folder holding the embedded server's data: $PARKDB_HOME, else the per-user data dir."""
    given = os.environ.get("PARKDB_HOME", "").strip()
    if given:
        return Path(given).expanduser().absolute()
    import platformdirs

    return platformdirs.user_data_path("parkdb", appauthor=False).absolute()


def sqlalchemy_url(url: str) -> str:
    """Accept postgresql:// and postgres:// and return the psycopg 3 dialect URL."""
    try:
        parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    except Exception as exc:  # SQLAlchemy raises ArgumentError with a terse message
        raise ConfigError(f"not a database URL: {url!r} ({exc})") from None
    if parsed.get_backend_name() != "postgresql":
        raise ConfigError(f"not a PostgreSQL URL: {url!r} (parkdb needs PostgreSQL 15+)")
    return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def libpq_url(url: str) -> str:
    """The same URL in the form psql, pandas and DBeaver accept (no +psycopg).

    Rendered by hand: SQLAlchemy writes a space in a query value as `+`, which libpq
    reads literally, so a socket folder with a space in it would be lost.
    """
    from urllib.parse import quote

    u: URL = make_url(sqlalchemy_url(url))
    auth = ""
    if u.username:
        auth = quote(u.username, safe="") + (":" + quote(u.password, safe="") if u.password else "") + "@"
    host = u.host or ""
    if ":" in host:
        host = f"[{host}]"
    where = host + (f":{u.port}" if u.port else "")
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='/')}" for k, values in u.query.items()
                     for v in ((values,) if isinstance(values, str) else values))
    return f"postgresql://{auth}{where}/{quote(u.database or '', safe='')}" + (f"?{query}" if query else "")


def resolve(database_url: str | None = None, *, create: bool = True) -> Database:
    """Resolve the database per CONTRACT.md, starting the embedded server if needed.

    create=False (the commands that only read) never makes a new embedded database.
    """
    explicit = database_url or os.environ.get("DATABASE_URL")
    if explicit:
        return Database(sqlalchemy_url(explicit), embedded=False)
    home = parkdb_home()
    return Database(sqlalchemy_url(start_embedded(home, create=create)), embedded=True, home=home)


def embedded_url(running: server.Running, user: str = server.SUPERUSER, dbname: str = EMBEDDED_DBNAME) -> str:
    return libpq_url(URL.create("postgresql", username=user, database=dbname,
                                query={"host": str(running.socket_dir), "port": str(running.port)})
                     .render_as_string())


def start_embedded(home: Path, *, create: bool = True) -> str:
    """Start (or find running) the embedded server under home/pgdata; return its URL."""
    try:
        running = server.start(home, create=create)
    except server.ServerError as exc:
        raise ConfigError(str(exc)) from None
    if not ensure_database(embedded_url(running, dbname="postgres"), EMBEDDED_DBNAME, create=create):
        raise ConfigError(str(server.NoDatabase(home)))
    return embedded_url(running)


def ensure_database(maintenance_url: str, dbname: str, *, create: bool = True) -> bool:
    """Create the project's database on the embedded server the first time; False if absent and not created."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if not exists:
            if not create:
                return False
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    return True


def stop_embedded(home: Path) -> bool:
    """Stop the embedded server for this home if one runs; True when one was stopped."""
    return server.stop(home)


def tcp_url(home: Path) -> str:
    """postgresql://postgres:<password>@127.0.0.1:<PARKDB_PORT>/parkdb for GUI clients (PARKDB_PORT set)."""
    try:
        port = server.wanted_port()
        if port is None:
            raise ConfigError("--tcp needs PARKDB_PORT (e.g. PARKDB_PORT=5433) set when the server starts")
        running = server.start(home, create=False)
    except server.ServerError as exc:
        raise ConfigError(str(exc)) from None
    if not running.tcp or running.port != port:
        raise ConfigError(f"the embedded server in {home} runs without TCP port {port}: "
                          "run `parkdb stop`, then `parkdb url --tcp` again")
    return URL.create("postgresql", username=server.SUPERUSER, password=server.password(home), host="127.0.0.1",
                      port=port, database=EMBEDDED_DBNAME).render_as_string(hide_password=False)


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
    check_version(eng)


def check_version(eng: sa.Engine) -> None:
    """Refuse servers older than PostgreSQL 15 in one line (CONTRACT.md)."""
    with eng.connect() as conn:
        version = int(conn.execute(sa.text("SHOW server_version_num")).scalar_one())
    if version < MIN_SERVER_VERSION:
        raise ConfigError(f"the server runs PostgreSQL {version // 10000}; parkdb needs PostgreSQL 15 or later")


def open_engine(database_url: str | None = None, *, create: bool = True) -> tuple[Database, sa.Engine]:
    """Resolve the database and return it with an engine that has been checked to connect."""
    database = resolve(database_url, create=create)
    eng = engine(database)
    check_reachable(eng)
    return database, eng
