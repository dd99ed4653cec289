"""The derived tables the reporting views read, public.fact_series (one row per subject ×
metric × period) and public.entity_articles (one row per entity × article): their
triggers keep each equal to its definition (public.*_computed) through every kind of
write, in the writer's transaction, also with two writers at once; and sql/derived/ is
what the migrations create."""
from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from test_reporting import fact, insert, rows, source, world  # noqa: F401 (world is a fixture)

DERIVED = sorted((Path(__file__).resolve().parent.parent / "sql" / "derived").glob("*.sql"))
COLUMNS = ("subject_kind, subject_id, metric_id, period_kind, period_start, period_end,"
           " fact_id, published_on, fact_count, source_count, value_count")
DERIVED_COLUMNS = {
    "fact_series": COLUMNS,
    "entity_articles": "entity_kind, entity_id, source_id, source_key, published_on, mention_count, fact_count",
}


def drift(engine) -> list[dict]:
    """Rows in a derived table or in its definition but not in both (empty when all agree)."""
    found = []
    for table, columns in DERIVED_COLUMNS.items():
        found += rows(engine, f"(SELECT '{table}' AS tab, 'stored' AS side, {columns} FROM public.{table}"
                              f"  EXCEPT SELECT '{table}', 'stored', {columns} FROM public.{table}_computed)"
                              f" UNION ALL"
                              f" (SELECT '{table}', 'computed', {columns} FROM public.{table}_computed"
                              f"  EXCEPT SELECT '{table}', 'computed', {columns} FROM public.{table})")
    return found


def zone_2022(engine) -> list[dict]:
    return rows(engine, "SELECT value, source_key, source_count FROM reporting.metric_series"
                        " WHERE subject_name = '未来科技城' AND period_end = '2022-12-31'")


def execute(engine, statement: str, **params) -> None:
    with engine.begin() as conn:
        conn.execute(sa.text(statement), params)


def test_fact_series_follows_inserts_date_changes_updates_deletes_and_truncate(world):
    engine, ids = world
    assert rows(engine, "SELECT count(*) AS n FROM public.fact_series")[0]["n"] == 6  # 8 facts, 6 series keys
    assert drift(engine) == []
    assert zone_2022(engine) == [{"value": Decimal("120"), "source_key": "b.txt", "source_count": 2}]

    execute(engine, "UPDATE sources SET published_on = '2025-01-01' WHERE source_key = 'a.txt'")
    assert zone_2022(engine) == [{"value": Decimal("100"), "source_key": "a.txt", "source_count": 2}]
    assert drift(engine) == []

    execute(engine, "UPDATE facts SET value = 101, value_base = 10100000000 WHERE id = :id", id=ids["zone_2022_a"])
    assert zone_2022(engine) == [{"value": Decimal("101"), "source_key": "a.txt", "source_count": 2}]
    execute(engine, "UPDATE facts SET period_start = '2021-01-01', period_end = '2021-12-31' WHERE id = :id",
            id=ids["zone_2022_a"])
    assert zone_2022(engine) == [{"value": Decimal("120"), "source_key": "b.txt", "source_count": 1}]
    assert drift(engine) == []

    execute(engine, "DELETE FROM sources WHERE source_key = 'b.txt'")  # its facts go by cascade
    assert zone_2022(engine) == []
    assert drift(engine) == []

    execute(engine, "TRUNCATE facts")
    assert rows(engine, "SELECT count(*) AS n FROM public.fact_series")[0]["n"] == 0
    assert rows(engine, "SELECT sum(fact_count) AS n FROM public.entity_articles")[0]["n"] == 0
    assert drift(engine) == []


def zone_profile(engine) -> dict:
    return rows(engine, "SELECT fact_count, source_count, first_published_on, last_published_on"
                        " FROM reporting.platforms WHERE platform_name = '未来科技城'")[0]


def test_entity_articles_follow_mentions_facts_and_sources(world):
    engine, ids = world
    assert drift(engine) == []
    assert zone_profile(engine) == {"fact_count": 3, "source_count": 2, "first_published_on": date(2023, 3, 1),
                                    "last_published_on": date(2024, 1, 15)}
    # b.txt mentions the zone twice: one of them going leaves the article counted
    execute(engine, "DELETE FROM entity_mentions WHERE surface = '未科城'")
    assert zone_profile(engine)["source_count"] == 2
    execute(engine, "DELETE FROM entity_mentions WHERE platform_id IS NOT NULL AND source_id ="
                    " (SELECT id FROM sources WHERE source_key = 'b.txt')")
    assert zone_profile(engine) == {"fact_count": 3, "source_count": 1, "first_published_on": date(2023, 3, 1),
                                    "last_published_on": date(2023, 3, 1)}
    assert drift(engine) == []

    execute(engine, "UPDATE sources SET published_on = '2022-05-01', source_key = 'a2.txt' WHERE source_key = 'a.txt'")
    assert zone_profile(engine)["first_published_on"] == date(2022, 5, 1)
    assert rows(engine, "SELECT source_keys FROM reporting.projects") == [{"source_keys": ["a2.txt", "b.txt"]}]
    execute(engine, "UPDATE facts SET subject_platform_id = (SELECT id FROM platforms WHERE name = '梦想小镇')"
                    " WHERE id = :id", id=ids["zone_2023"])
    assert zone_profile(engine)["fact_count"] == 2
    assert drift(engine) == []

    execute(engine, "DELETE FROM sources WHERE source_key = 'b.txt'")
    assert rows(engine, "SELECT source_keys FROM reporting.projects") == [{"source_keys": ["a2.txt"]}]
    execute(engine, "TRUNCATE entity_mentions")
    assert zone_profile(engine)["source_count"] == 0
    assert drift(engine) == []


def test_a_rolled_back_write_leaves_fact_series_as_it_was(world):
    engine, ids = world
    before = rows(engine, f"SELECT {COLUMNS} FROM public.fact_series ORDER BY 1, 2, 3, 4, 5, 6")
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM facts WHERE id = :id"), {"id": ids["zone_2023"]})
        conn.execute(sa.text("INSERT INTO facts SELECT * FROM facts WHERE id = :id"), {"id": ids["zone_2022_a"]})
    assert rows(engine, f"SELECT {COLUMNS} FROM public.fact_series ORDER BY 1, 2, 3, 4, 5, 6") == before


@pytest.mark.parametrize("table", DERIVED_COLUMNS)
def test_rebuild_recomputes_what_the_triggers_keep(world, table):
    engine, _ = world
    columns = DERIVED_COLUMNS[table]
    before = rows(engine, f"SELECT {columns} FROM public.{table} ORDER BY {columns}")
    with engine.begin() as conn:
        conn.execute(sa.text(f"DELETE FROM public.{table}"))
        assert conn.execute(sa.text(f"SELECT public.rebuild_{table}()")).scalar_one() == len(before)
    assert rows(engine, f"SELECT {columns} FROM public.{table} ORDER BY {columns}") == before


def test_two_writers_of_one_series_wait_for_each_other_and_both_count(world):
    """The second writer blocks on the series lock until the first commits, then counts both."""
    engine, _ = world
    zone, metric, run = (rows(engine, query)[0]["id"] for query in (
        "SELECT id FROM platforms WHERE name = '未来科技城'", "SELECT id FROM metrics WHERE name = '规上工业增加值'",
        "SELECT id FROM load_runs"))
    with engine.begin() as conn:
        c, d = source(conn, "c.txt", date(2024, 6, 1), run), source(conn, "d.txt", date(2024, 7, 1), run)
    first = engine.connect()
    first.begin()
    fact(first, c, ("platform", zone), metric, 2022, "140")
    errors: list[BaseException] = []

    def second_writer():
        try:
            with engine.begin() as conn:
                fact(conn, d, ("platform", zone), metric, 2022, "150")
        except BaseException as exc:  # reported below
            errors.append(exc)

    thread = threading.Thread(target=second_writer)
    thread.start()
    thread.join(timeout=1)
    assert thread.is_alive(), "the second writer should wait for the first one's series lock"
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert not thread.is_alive() and errors == []
    assert zone_2022(engine) == [{"value": Decimal("150"), "source_key": "d.txt", "source_count": 4}]
    assert drift(engine) == []


def derived_objects(conn, table: str) -> dict:
    """Definitions of a derived table's functions, view and triggers, as the server sees them."""
    functions = conn.execute(sa.text(
        "SELECT p.proname, pg_get_functiondef(p.oid), obj_description(p.oid, 'pg_proc') FROM pg_proc p"
        " WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE :like"), {"like": f"%{table}%"}).all()
    triggers = conn.execute(sa.text(
        "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname LIKE :like"),
        {"like": f"%{table}"}).all()
    views = conn.execute(sa.text(
        "SELECT c.relname, pg_get_viewdef(c.oid, true), obj_description(c.oid, 'pg_class') FROM pg_class c"
        " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'v'")).all()
    return {"functions": sorted(functions), "triggers": sorted(triggers), "views": sorted(views)}


def test_every_derived_table_has_a_sql_file():
    assert sorted(p.stem for p in DERIVED) == sorted(DERIVED_COLUMNS)


@pytest.mark.parametrize("path", DERIVED, ids=[p.stem for p in DERIVED])
def test_derived_sql_file_matches_what_the_migrations_create(engine, path):
    with engine.begin() as conn:
        before = derived_objects(conn, path.stem)
        conn.exec_driver_sql(path.read_text())
        after = derived_objects(conn, path.stem)
    assert before["functions"] and before["triggers"]
    assert after == before
