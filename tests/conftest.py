"""Test databases: real PostgreSQL through pytest-postgresql, never a mock.

The server is `TEST_DATABASE_URL` when set, else an embedded PostgreSQL under
`$PARKDB_TEST_HOME` (default `.parkdb/test`).  pytest-postgresql's process fixture
cannot run as root (FINDINGS.md), so we use its no-process fixture: a template
database migrated once to head (`migrate` below), and a fresh copy per test.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from pytest_postgresql import factories
from sqlalchemy.engine import URL, make_url

ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_HOME = pytest.StashKey[Path]()
COMMAND_HOME = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Point pytest-postgresql at TEST_DATABASE_URL or at the embedded test server.

    PARKDB_HOME is a fresh temporary folder for the whole run (and the subprocesses it
    starts), so no test ever touches the user's own database in their data folder.
    """
    home_for_commands = Path(tempfile.mkdtemp(prefix="parkdb-test-home-"))
    config.stash[COMMAND_HOME] = home_for_commands
    os.environ["PARKDB_HOME"] = str(home_for_commands)
    os.environ.pop("PARKDB_PORT", None)
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        parsed = make_url(url)
        host = parsed.query.get("host") or parsed.host
        port, user, password = parsed.port or 5432, parsed.username or "postgres", parsed.password or ""
    else:
        from loaders import db

        home = Path(os.environ.get("PARKDB_TEST_HOME") or ROOT / ".parkdb" / "test")
        started = make_url(db.start_embedded(home))
        config.stash[EMBEDDED_HOME] = home
        host, port, user, password = started.query["host"], 5432, "postgres", ""
    config.option.postgresql_host = host
    config.option.postgresql_port = port
    config.option.postgresql_user = user
    config.option.postgresql_password = password


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the embedded test server we started: `make test` leaves no server behind."""
    from loaders import db

    home = config.stash.get(EMBEDDED_HOME, None)
    if home is not None:
        db.stop_embedded(home)
    home_for_commands = config.stash.get(COMMAND_HOME, None)
    if home_for_commands is not None:
        db.stop_embedded(home_for_commands)
        shutil.rmtree(home_for_commands, ignore_errors=True)


def sqlalchemy_url(host: str, port: int | str, user: str, password: str | None, dbname: str) -> URL:
    """A psycopg 3 URL that works for both TCP hosts and Unix-socket directories."""
    return URL.create("postgresql+psycopg", username=user, password=password or None, database=dbname,
                      query={"host": str(host), "port": str(port)})


def migrate(host, port, user, dbname, password, **_) -> None:
    """Build the template database: `alembic upgrade head` from nothing."""
    from loaders.cli import upgrade

    engine = sa.create_engine(sqlalchemy_url(host, port, user, password, dbname))
    try:
        upgrade(engine)
    finally:
        engine.dispose()


# Per-run database names: two test runs on one server (or a leftover of a killed run)
# never trip over each other's template.
RUN = os.getpid()
postgresql_proc = factories.postgresql_noproc(dbname=f"parkdb_test_{RUN}", load=[migrate])
postgresql = factories.postgresql("postgresql_proc")
postgresql_empty_proc = factories.postgresql_noproc(dbname=f"parkdb_empty_{RUN}")
postgresql_empty = factories.postgresql("postgresql_empty_proc")


def url_of(connection) -> URL:
    info = connection.info
    return sqlalchemy_url(info.host, info.port, info.user, info.password, info.dbname)


@pytest.fixture
def engine(postgresql):
    """A SQLAlchemy engine on a fresh database at head."""
    eng = sa.create_engine(url_of(postgresql))
    yield eng
    eng.dispose()


@pytest.fixture
def database_url(postgresql) -> str:
    """The fresh database at head as a URL for subprocesses (DATABASE_URL)."""
    return url_of(postgresql).render_as_string(hide_password=False)


@pytest.fixture
def alembic_engine(postgresql_empty):
    """pytest-alembic's database: an empty one, so every migration runs from nothing."""
    eng = sa.create_engine(url_of(postgresql_empty))
    yield eng
    eng.dispose()


@pytest.fixture
def alembic_config():
    return {"file": str(ROOT / "alembic.ini"), "script_location": str(ROOT / "alembic")}
