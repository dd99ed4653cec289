"""Bad settings and unhelpful servers get one line and exit 2 (hardening 10, 14)."""
from __future__ import annotations

import psycopg
import pytest

from .ops_helpers import one_line_error, parkdb

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "lots"])
def test_bad_max_mb_is_a_one_line_error(tmp_path, value):
    assert "--max-mb" in one_line_error(parkdb("load", f"--max-mb={value}", home=tmp_path / "h"))
    assert not (tmp_path / "h").exists()  # refused before anything was made


def test_bad_parkdb_max_mb_is_a_one_line_error(tmp_path):
    assert "PARKDB_MAX_MB" in one_line_error(parkdb("load", home=tmp_path / "h", env={"PARKDB_MAX_MB": "nan"}))


def test_a_read_only_server_is_a_one_line_error(database_url, postgresql):
    dbname = postgresql.info.dbname
    postgresql.autocommit = True
    postgresql.execute(f'ALTER DATABASE "{dbname}" SET default_transaction_read_only = on')
    try:
        message = one_line_error(parkdb("load", "seeds", env={"DATABASE_URL": database_url}))
    finally:  # the fixture's clean-up must be able to drop it
        postgresql.execute(f'ALTER DATABASE "{dbname}" RESET default_transaction_read_only')
    assert "read-only transactions" in message and "primary" in message


@pytest.fixture
def fresh_cluster(tmp_path):
    """An embedded server with no parkdb roles yet, like a new managed server."""
    home = tmp_path / "home"
    assert parkdb("upgrade", home=home).returncode == 0
    url = parkdb("url", home=home).stdout.strip()
    with psycopg.connect(url.replace("/parkdb?", "/postgres?"), autocommit=True) as conn:
        conn.execute("DROP DATABASE parkdb")
        conn.execute("DROP ROLE parkdb_reader")
        conn.execute("DROP ROLE parkdb_loader")
        conn.execute("CREATE ROLE app LOGIN")
        conn.execute("CREATE DATABASE appdb OWNER app")
    yield home, url
    parkdb("stop", home=home)


def test_upgrade_as_an_ordinary_owner_names_the_roles_to_create(fresh_cluster):
    home, url = fresh_cluster
    owner_url = url.replace("postgres@", "app@").replace("/parkdb?", "/appdb?")
    message = one_line_error(parkdb("upgrade", env={"DATABASE_URL": owner_url}))
    assert "app may not create roles" in message
    assert "CREATE ROLE parkdb_reader NOLOGIN; CREATE ROLE parkdb_loader NOLOGIN;" in message
    with psycopg.connect(url.replace("/parkdb?", "/postgres?"), autocommit=True) as admin:
        admin.execute("CREATE ROLE parkdb_reader NOLOGIN")
        admin.execute("CREATE ROLE parkdb_loader NOLOGIN")
    done = parkdb("upgrade", env={"DATABASE_URL": owner_url})  # what the message says is enough
    assert done.returncode == 0, done.stderr
