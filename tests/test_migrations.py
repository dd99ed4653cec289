"""The schema under Alembic: one head, upgrade from nothing, models match DDL, every step downgrades."""
import sqlalchemy as sa
from pytest_alembic.tests import (  # noqa: F401  (pytest-alembic's built-in tests, collected here)
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)


def test_downgrade_base_removes_everything(alembic_runner, alembic_engine):
    alembic_runner.migrate_up_to("heads")
    alembic_runner.migrate_down_to("base")
    with alembic_engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
        schemas = sa.inspect(conn).get_schema_names()
    assert [t for t in tables if t != "alembic_version"] == []
    assert "reporting" not in schemas


def test_every_table_and_column_has_a_comment(engine):
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        missing = [t for t in inspector.get_table_names()
                   if t != "alembic_version" and not inspector.get_table_comment(t)["text"]]
        missing += [f"{t}.{c['name']}" for t in inspector.get_table_names() if t != "alembic_version"
                    for c in inspector.get_columns(t) if not c.get("comment")]
    assert missing == []


def test_every_constraint_is_named_by_convention(engine):
    with engine.connect() as conn:
        names = conn.execute(sa.text(
            "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
            " WHERE n.nspname = 'public' AND conrelid <> 'alembic_version'::regclass"
            " AND contype <> 'n'")).scalars().all()
    assert names and all(n.split("_")[0] in {"pk", "fk", "uq", "ck"} for n in names)


def test_contract_views_exist_with_comments(engine):
    with engine.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'reporting' AND c.relkind = 'v' ORDER BY 1")).all()
    names = {name for name, _ in rows}
    assert {"facts", "entity_mentions"} <= names
    assert all(comment for _, comment in rows)


def test_the_loaders_revision_reading_agrees_with_alembic(engine):
    """`parkdb load` reads the head from the migration files and the database's revision by SQL (no Alembic import)."""
    from alembic.runtime.migration import MigrationContext

    from loaders import cli

    assert cli.head_revision() == cli.alembic_head_revision()
    with engine.connect() as conn:
        assert cli.current_revision(conn) == MigrationContext.configure(conn).get_current_revision() == cli.head_revision()
        conn.execute(sa.text("DROP TABLE alembic_version"))
        assert cli.current_revision(conn) is None
        conn.rollback()
