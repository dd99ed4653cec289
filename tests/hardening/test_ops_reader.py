"""`parkdb sql` and parkdb_reader: what an analyst's query can no longer do (hardening 12, 13)."""
from __future__ import annotations

import time

import psycopg
import pytest
from psycopg import errors

from loaders import cli

from .ops_helpers import connect, one_line_error, parkdb

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """An embedded database with the seeds loaded, and the reader's login made by `parkdb sql`."""
    home = tmp_path_factory.mktemp("reader") / "home"
    loaded = parkdb("load", "--quiet", home=home)
    assert loaded.returncode == 0, loaded.stderr
    assert parkdb("sql", "SELECT 1", home=home).returncode == 0
    yield home
    parkdb("stop", home=home)


def test_sql_runs_as_parkdb_reader(home):
    result = parkdb("sql", "SELECT current_user, session_user", home=home)
    assert result.stdout.splitlines()[2].split(" | ") == ["parkdb_reader", "parkdb_reader"]


@pytest.mark.parametrize("query", [
    "SELECT pg_read_file('/etc/passwd')",
    "SELECT pg_ls_dir('.')",
    "SELECT pg_create_physical_replication_slot('ops_slot')",
    "SELECT pg_reload_conf()",
    "SELECT * FROM public.facts",
])
def test_sql_cannot_use_superuser_functions_or_core_tables(home, query):
    assert "permission denied" in one_line_error(parkdb("sql", query, home=home))


def test_sql_cannot_terminate_another_backend(home):
    with connect(home) as victim:
        pid = victim.info.backend_pid
        assert "permission denied" in one_line_error(parkdb("sql", f"SELECT pg_terminate_backend({pid})", home=home))
        assert victim.execute("SELECT 1").fetchone() == (1,)


def test_sql_times_out(home):
    started = time.monotonic()
    result = parkdb("sql", "SELECT pg_sleep(30)", "--timeout", "0.5", home=home)
    assert "cancelled after 0.5 s (--timeout)" in one_line_error(result)
    assert time.monotonic() - started < 20


def test_sql_defaults_are_a_minute_and_ten_thousand_rows():
    args = cli.parser().parse_args(["sql", "SELECT 1"])
    assert (args.timeout, args.max_rows) == (60.0, 10_000)


def test_sql_streams_and_stops_at_max_rows(home):
    started = time.monotonic()
    result = parkdb("sql", "SELECT generate_series(1, 1e8) AS n", "--csv", "--max-rows", "3", home=home)
    assert result.returncode == cli.EXIT_TRUNCATED
    assert result.stdout.splitlines() == ["n", "1", "2", "3"]
    assert "stopped at 3 rows (--max-rows)" in result.stderr
    assert time.monotonic() - started < 20  # the server never computed 10^8 rows for us


def test_sql_default_row_cap_is_announced(home):
    result = parkdb("sql", "SELECT generate_series(1, 10001) AS n", home=home)
    assert result.returncode == cli.EXIT_TRUNCATED
    assert result.stdout.splitlines()[-1] == "(10000 rows)"
    assert "stopped at 10,000 rows" in result.stderr


@pytest.mark.parametrize("statement", [
    "CREATE TEMP TABLE scratch (x int)",
    "CREATE FUNCTION pg_temp.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
    "SELECT lo_create(0)",
    "SELECT lo_from_bytea(0, 'data')",
    f"SELECT pg_advisory_lock({cli.LOCK_KEY})",
    f"SELECT pg_try_advisory_lock({cli.LOCK_KEY})",
    "SELECT pg_advisory_xact_lock(hashtext('any article'))",
])
def test_reader_cannot_write_or_take_the_loaders_locks(home, statement):
    with connect(home, "parkdb_reader") as reader:
        with pytest.raises(errors.InsufficientPrivilege):
            reader.execute(statement)


def test_loader_role_still_takes_the_load_lock(home):
    with connect(home) as conn:
        conn.execute("SET ROLE parkdb_loader")
        assert conn.execute(f"SELECT pg_try_advisory_lock({cli.LOCK_KEY})").fetchone() == (True,)
        conn.execute(f"SELECT pg_advisory_unlock({cli.LOCK_KEY})")


def test_a_reader_session_does_not_block_a_load(home):
    with connect(home, "parkdb_reader") as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM reporting.facts")
        result = parkdb("load", "--quiet", home=home)
        assert result.returncode == 0, result.stderr
        assert "5 unchanged" in result.stdout
