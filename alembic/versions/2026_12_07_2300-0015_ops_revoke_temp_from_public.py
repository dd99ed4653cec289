"""Take the TEMPORARY privilege on this database away from PUBLIC.

Why: every role, parkdb_reader included, could create temporary tables and
temporary functions (in pg_temp), so a read-only analyst could still write to the
server's disk and define code. Nothing in parkdb needs temporary objects; the
database's owner and superusers keep the privilege. Downgrade gives it back to
PUBLIC, PostgreSQL's default.

Revision ID: 0015_ops_revoke_temp
Revises: 0014
Created: 2026-12-07 23:00:00
"""
from __future__ import annotations

from alembic import op

revision = "0015_ops_revoke_temp"
down_revision = "0014"
branch_labels = None
depends_on = None

# The database's name is not known when the revision is written: format it in the server.
ON_THIS_DATABASE = r"""
DO $$
BEGIN
    EXECUTE format('{statement}', current_database());
END
$$;
"""


def upgrade() -> None:
    op.execute(ON_THIS_DATABASE.format(statement="REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC"))


def downgrade() -> None:
    op.execute(ON_THIS_DATABASE.format(statement="GRANT TEMPORARY ON DATABASE %I TO PUBLIC"))
