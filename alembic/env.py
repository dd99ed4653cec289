"""Alembic environment: resolves the database like every parkdb command.

Order: a connection handed in by the caller (parkdb upgrade, tests), the
`sqlalchemy.url` option, `-x database_url=...`, DATABASE_URL, else the embedded
server under $PARKDB_HOME (CONTRACT.md).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import context

import models
from loaders import db

config = context.config
target_metadata = models.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """Compare only parkdb's own tables: views and the reporting schema are managed by hand."""
    return not (type_ == "table" and reflected and compare_to is None and name == "alembic_version")


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


def resolved_url() -> str:
    url = config.get_main_option("sqlalchemy.url") or context.get_x_argument(as_dictionary=True).get("database_url")
    return db.resolve(url).url


def run_online() -> None:
    connection = config.attributes.get("connection")
    if isinstance(connection, sa.Engine):  # pytest-alembic hands over an engine for some tests
        with connection.connect() as conn:
            run_migrations(conn)
            conn.commit()
        return
    if connection is not None:
        run_migrations(connection)
        return
    engine = db.engine(db.Database(resolved_url(), embedded=False))
    with engine.connect() as conn:
        run_migrations(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=resolved_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_online()
