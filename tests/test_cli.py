"""The command line of CONTRACT.md, run as a user runs it: in a subprocess."""
import json
import os
import subprocess
import sys

import psycopg
import pytest
import sqlalchemy as sa

from loaders.cli import EXIT_NOT_AT_HEAD, EXIT_USAGE


def parkdb(*args, database_url=None, home=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    if database_url:
        env["DATABASE_URL"] = database_url
    if home:
        env["PARKDB_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=120)


def test_sql_prints_a_table(database_url):
    result = parkdb("sql", "SELECT 1 AS one, '杭州' AS city", database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["one | city", "----+-----", "1   | 杭州", "(1 row)"]


def test_sql_csv(database_url):
    result = parkdb("sql", "SELECT 1 AS one, NULL AS nothing", "--csv", database_url=database_url)
    assert result.stdout.splitlines() == ["one,nothing", "1,"]


@pytest.mark.parametrize("query", [
    "DELETE FROM sources",
    "SELECT 1; DROP TABLE sources",
    "WITH gone AS (DELETE FROM sources RETURNING id) SELECT count(*) FROM gone",
    "SELECT 1; COMMIT; DROP TABLE sources",
])
def test_sql_refuses_anything_but_one_read_only_query(database_url, engine, query):
    result = parkdb("sql", query, database_url=database_url)
    assert result.returncode == EXIT_USAGE
    with engine.connect() as conn:
        assert "sources" in sa.inspect(conn).get_table_names()


def test_status_shows_revision_and_counts(database_url):
    result = parkdb("status", database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout
    assert any(line.startswith("facts ") for line in result.stdout.splitlines())


def test_upgrade_is_idempotent_on_a_database_at_head(database_url):
    result = parkdb("upgrade", database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("schema at ")


def test_load_refuses_a_database_not_at_head(postgresql_empty):
    info = postgresql_empty.info
    url = f"postgresql://{info.user}@/{info.dbname}?host={info.host}&port={info.port}"
    result = parkdb("load", "seeds", database_url=url)
    assert result.returncode == EXIT_NOT_AT_HEAD
    assert "parkdb upgrade" in result.stderr


@pytest.mark.parametrize("url, message", [
    ("mysql://localhost/x", "not a PostgreSQL URL"),
    ("not a url", "not a database URL"),
    ("postgresql://nobody@127.0.0.1:1/nothing", "cannot connect"),
])
def test_bad_database_urls_are_clear_usage_errors(url, message):
    result = parkdb("status", database_url=url)
    assert result.returncode == EXIT_USAGE
    assert message in result.stderr


def test_load_of_a_missing_path_is_a_usage_error(database_url):
    result = parkdb("load", "no/such/folder", database_url=database_url)
    assert result.returncode == EXIT_USAGE
    assert "no/such/folder" in result.stderr


def test_embedded_server_url_then_stop(tmp_path):
    """`parkdb url` starts the embedded server and leaves it running; `parkdb stop` stops it."""
    home = tmp_path / "home"
    assert parkdb("upgrade", home=home).returncode == 0
    url = parkdb("url", home=home)
    assert url.returncode == 0, url.stderr
    with psycopg.connect(url.stdout.strip()) as conn:
        assert conn.execute("SELECT current_database()").fetchone() == ("parkdb",)
    stop = parkdb("stop", home=home)
    assert "stopped" in stop.stdout
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(url.stdout.strip(), connect_timeout=3)
    assert "no embedded server" in parkdb("stop", home=home).stdout


def parkdb_input(*args, database_url, input):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = database_url
    return subprocess.run([sys.executable, "-m", "loaders", *args], capture_output=True, text=True, env=env,
                          input=input, timeout=120)


def test_sql_accepts_comments(database_url):
    query = "-- how many\n/* a block\n comment */ SELECT 1 AS one; -- trailing\n"
    result = parkdb("sql", query, database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2] == "1"


def test_sql_reads_a_file_or_stdin(database_url, tmp_path):
    query = tmp_path / "q.sql"
    query.write_text("SELECT 2 AS two;\n", encoding="utf-8")
    assert parkdb("sql", "-f", str(query), database_url=database_url).stdout.splitlines()[2] == "2"
    piped = parkdb_input("sql", database_url=database_url, input="SELECT 3 AS three")
    assert piped.stdout.splitlines()[2] == "3"
    dash = parkdb_input("sql", "-f", "-", database_url=database_url, input="SELECT 4 AS four")
    assert dash.stdout.splitlines()[2] == "4"


def test_sql_json(database_url):
    result = parkdb("sql", "SELECT 1 AS n, 1.5::numeric AS x, '杭州' AS city, DATE '2023-01-06' AS d, NULL AS z",
                    "--json", database_url=database_url)
    assert json.loads(result.stdout) == [{"n": 1, "x": 1.5, "city": "杭州", "d": "2023-01-06", "z": None}]


def test_sql_csv_with_bom_for_excel(database_url):
    result = subprocess.run([sys.executable, "-m", "loaders", "sql", "SELECT '杭州' AS city", "--csv", "--bom"],
                            capture_output=True, env={**os.environ, "DATABASE_URL": database_url}, timeout=120)
    assert result.stdout == "\ufeffcity\r\n杭州\r\n".encode()


def test_sql_bom_without_csv_is_a_usage_error(database_url):
    assert parkdb("sql", "SELECT 1", "--bom", database_url=database_url).returncode == EXIT_USAGE


def test_sql_mistyped_view_lists_the_views(database_url):
    result = parkdb("sql", "SELECT * FROM reporting.fact", database_url=database_url)
    assert result.returncode == EXIT_USAGE
    assert "reporting.facts" in result.stderr and "reporting.platforms" in result.stderr


def test_version_and_bare_help():
    assert parkdb("--version").stdout.strip() == "parkdb 0.1.0"
    bare = parkdb()
    assert bare.returncode == 0 and bare.stdout.startswith("usage: parkdb")


@pytest.mark.parametrize("command", ["load", "upgrade", "url", "psql", "stop", "sql", "status", "serve"])
def test_every_command_help_has_a_description_an_example_and_exit_codes(command):
    from loaders import cli

    text = parkdb(command, "--help").stdout
    description = cli.HELP[command][0].split()[0]
    assert description in text and "example" in text and "exit codes:" in text


def test_shell_completion_offers_the_commands():
    out = subprocess.run([sys.executable, "-m", "loaders"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "_ARGCOMPLETE": "1", "COMP_LINE": "parkdb s", "COMP_POINT": "8",
                              "_ARGCOMPLETE_STDOUT_FILENAME": "/dev/stdout", "_ARGCOMPLETE_IFS": "\n"})
    assert set(out.stdout.split()) == {"serve", "sql", "status", "stop"}
