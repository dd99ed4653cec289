"""Record which process runs a load: host, process id and the lock's server session.

Why: a killed run stayed `running` for ever, and `load --wait` could not say who
held the lock. A later run marks a running run whose lock session is gone as
interrupted; a waiting one names the holder.

Revision ID: 0019_load_run_holder
Revises: 0018_load_run_interrupted
Created: 2026-12-07 23:54:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_load_run_holder"
down_revision = "0018_load_run_interrupted"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("load_runs", sa.Column("hostname", sa.Text(), nullable=True,
                                         comment="Host the run's process ran on."))
    op.add_column("load_runs", sa.Column("pid", sa.Integer(), nullable=True,
                                         comment="Process id of the run on that host."))
    op.add_column("load_runs", sa.Column("backend_pid", sa.Integer(), nullable=True,
                                         comment="Server process id of the session that held the load lock "
                                                 "(gone from pg_stat_activity: the run is dead)."))


def downgrade() -> None:
    for column in ("backend_pid", "pid", "hostname"):
        op.drop_column("load_runs", column)
