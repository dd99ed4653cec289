"""Allow the load-run status 'interrupted'.

Why: a run stopped by Ctrl-C or SIGTERM, or whose process died (found by a later
run), is neither succeeded nor failed; it said `running` for ever.

Revision ID: 0018_load_run_interrupted
Revises: 0017_load_fact_period_expr
Created: 2026-12-07 23:53:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018_load_run_interrupted"
down_revision = "0017_load_fact_period_expr"
branch_labels = None
depends_on = None

OLD_COMMENT = "running, succeeded (no file rejected), partial (some files rejected) or failed (the run itself failed)."
NEW_COMMENT = ("running, succeeded (no file rejected), partial (some files rejected), failed (the run itself failed) "
               "or interrupted (stopped by Ctrl-C or SIGTERM, or its process died).")


def upgrade() -> None:
    op.drop_constraint(op.f("ck_load_runs_status"), "load_runs", type_="check")
    op.create_check_constraint(op.f("ck_load_runs_status"), "load_runs",
                               "status IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')")
    op.alter_column("load_runs", "status", existing_type=sa.Text(), comment=NEW_COMMENT, existing_comment=OLD_COMMENT)
    op.execute("COMMENT ON COLUMN reporting.load_runs.status IS 'running, succeeded, partial (some files rejected), "
               "failed or interrupted (Ctrl-C, SIGTERM, or its process died).'")


def downgrade() -> None:
    op.alter_column("load_runs", "status", existing_type=sa.Text(), comment=OLD_COMMENT, existing_comment=NEW_COMMENT)
    op.execute("COMMENT ON COLUMN reporting.load_runs.status IS 'running, succeeded, partial (some files rejected) or failed.'")
    op.execute("UPDATE load_runs SET status = 'failed' WHERE status = 'interrupted'")
    op.drop_constraint(op.f("ck_load_runs_status"), "load_runs", type_="check")
    op.create_check_constraint(op.f("ck_load_runs_status"), "load_runs",
                               "status IN ('running', 'succeeded', 'partial', 'failed')")
