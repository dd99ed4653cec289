"""Only parkdb_loader (and the owner) may take advisory locks or create large objects here.

Why: by default every role may call pg_advisory_lock() and lo_create(), so an
analyst logged in as parkdb_reader could take the load lock (cli.LOCK_KEY, or the
per-article and fact-series locks of loaders/store.py, all visible in pg_locks) and
block every load, or store arbitrary data as large objects. EXECUTE on those
functions moves from PUBLIC to parkdb_loader, in this database only.

The functions belong to the bootstrap superuser, so only a superuser can change
who may call them: run by anyone else (managed PostgreSQL), this revision changes
nothing and says so in a NOTICE (README, "Pointing at a real server"). Downgrade
restores PostgreSQL's defaults.

Revision ID: 0016_ops_reader_locks
Revises: 0015_ops_revoke_temp
Created: 2026-12-07 23:10:00
"""
from __future__ import annotations

from alembic import op

revision = "0016_ops_reader_locks"
down_revision = "0015_ops_revoke_temp"
branch_labels = None
depends_on = None

# Every advisory-lock function (session and transaction level, shared, try, unlock)
# and every function that creates a large object.
FUNCTIONS = r"""
SELECT p.oid::regprocedure AS signature
FROM pg_proc AS p
WHERE p.pronamespace = 'pg_catalog'::regnamespace
  AND (p.proname LIKE 'pg\_%advisory%' OR p.proname IN ('lo_creat', 'lo_create', 'lo_from_bytea', 'lo_import'))
"""

CHANGE = r"""
DO $$
DECLARE
    f regprocedure;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE NOTICE 'advisory locks and large objects stay open to every role: % is not a superuser', current_user;
        RETURN;
    END IF;
    FOR f IN {functions} LOOP
        EXECUTE format('{statements}', f, f);
    END LOOP;
END
$$;
"""


def upgrade() -> None:
    op.execute(CHANGE.format(functions=FUNCTIONS,
                             statements="REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC; "
                                        "GRANT EXECUTE ON FUNCTION %s TO parkdb_loader"))


def downgrade() -> None:
    op.execute(CHANGE.format(functions=FUNCTIONS,
                             statements="REVOKE EXECUTE ON FUNCTION %s FROM parkdb_loader; "
                                        "GRANT EXECUTE ON FUNCTION %s TO PUBLIC"))
