"""Access: parkdb_reader reads every reporting view and nothing else; parkdb_loader writes the core tables."""
from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg import errors
from sqlalchemy.engine import make_url

from loaders import cli

CORE_TABLES = ["sources", "facts", "platforms", "entity_mentions", "load_runs", "alembic_version", "fact_series",
               "entity_articles"]
SEED = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))[0]


def reporting_views(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = 'reporting' AND c.relkind IN ('v', 'm') ORDER BY 1")]


def as_role(postgresql: psycopg.Connection, role: str) -> psycopg.Connection:
    postgresql.rollback()
    postgresql.autocommit = True
    postgresql.execute(f"SET ROLE {role}")
    return postgresql


def refused(conn: psycopg.Connection, statement: str) -> bool:
    """True when the statement fails for lack of privilege."""
    try:
        conn.execute(statement)
    except errors.InsufficientPrivilege:
        return True
    return False


def test_roles_exist_and_cannot_log_in(postgresql):
    roles = postgresql.execute("SELECT rolname, rolcanlogin FROM pg_roles"
                               " WHERE rolname LIKE 'parkdb\\_%' ORDER BY 1").fetchall()
    assert roles == [("parkdb_loader", False), ("parkdb_reader", False), ("parkdb_reviewer", False)]


def test_reader_can_query_every_reporting_view(postgresql):
    views = reporting_views(postgresql)
    conn = as_role(postgresql, "parkdb_reader")
    assert {"facts", "entity_mentions"} <= set(views)
    for view in views:
        conn.execute(f"SELECT * FROM reporting.{view} LIMIT 1").fetchall()


@pytest.mark.parametrize("table", CORE_TABLES)
def test_reader_cannot_read_core_tables(postgresql, table):
    assert refused(as_role(postgresql, "parkdb_reader"), f"SELECT * FROM public.{table} LIMIT 1")


@pytest.mark.parametrize("statement", [
    "INSERT INTO public.regions (name) VALUES ('杭州')",
    "UPDATE public.platforms SET district = NULL",
    "DELETE FROM public.sources",
    "TRUNCATE public.facts",
    "UPDATE public.alembic_version SET version_num = '0001'",
    "CREATE TABLE reporting.scratch (x int)",
    "CREATE VIEW reporting.scratch AS SELECT 1 AS x",
    "CREATE TABLE public.scratch (x int)",
    "DROP VIEW reporting.facts",
    "GRANT SELECT ON public.facts TO parkdb_reader",
])
def test_reader_cannot_write_anything(postgresql, statement):
    assert refused(as_role(postgresql, "parkdb_reader"), statement)


def test_loader_can_write_core_tables(postgresql):
    conn = as_role(postgresql, "parkdb_loader")
    run_id = conn.execute("INSERT INTO public.load_runs (extractor_version, dictionary_hash)"
                          " VALUES ('t', 't') RETURNING id").fetchone()[0]
    conn.execute("UPDATE public.load_runs SET status = 'succeeded', finished_at = now() WHERE id = %s", (run_id,))
    conn.execute("INSERT INTO public.regions (name) VALUES ('杭州')")
    conn.execute("DELETE FROM public.regions")
    assert conn.execute("SELECT version_num FROM public.alembic_version").fetchone()


@pytest.mark.parametrize("statement", [
    "CREATE TABLE public.scratch (x int)",
    "ALTER TABLE public.facts ADD COLUMN x int",
    "DROP TABLE public.regions",
    "UPDATE public.alembic_version SET version_num = '0001'",
])
def test_loader_cannot_change_the_schema(postgresql, statement):
    assert refused(as_role(postgresql, "parkdb_loader"), statement)


@pytest.fixture
def cron_login(postgresql):
    """A login role in parkdb_loader, as an administrator would make for cron; dropped afterwards."""
    postgresql.autocommit = True
    postgresql.execute("CREATE ROLE parkdb_test_cron LOGIN IN ROLE parkdb_loader")
    try:
        yield "parkdb_test_cron"
    finally:
        postgresql.execute("RESET ROLE")
        postgresql.execute("DROP OWNED BY parkdb_test_cron")
        postgresql.execute("DROP ROLE parkdb_test_cron")


def test_the_cron_account_can_load_an_article_and_the_triggers_keep_up(postgresql, database_url, cron_login):
    """A load as a member of parkdb_loader writes the core tables, and the triggers (running as that user)
    the derived tables the reporting views read."""
    url = make_url(database_url).set(username=cron_login, password=None).render_as_string(hide_password=False)
    assert cli.main(["load", str(SEED), "--quiet", "--database-url", url]) == 0
    facts = postgresql.execute("SELECT count(*) FROM public.facts"  # the ones the views show
                               " WHERE public.fact_is_shown(review_status, confidence)").fetchone()[0]
    series = postgresql.execute("SELECT count(*), sum(fact_count) FROM public.fact_series").fetchone()
    articles = postgresql.execute("SELECT sum(fact_count) FROM public.entity_articles").fetchone()[0]
    assert facts > 0 and series[0] > 0 and series[1] == facts and articles == facts
