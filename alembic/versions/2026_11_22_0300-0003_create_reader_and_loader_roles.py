"""Create the parkdb_reader and parkdb_loader roles and grant them what they need.

Why: analysts should log in as users that can read the reporting views and
nothing else, and the loader as a user that can write the core tables but not
change the schema. Roles are cluster-wide, so they are created only when absent
and dropped on downgrade only when no other database still depends on them.
Views run with their owner's rights, so parkdb_reader needs no grant on the core
tables to query reporting views. ALTER DEFAULT PRIVILEGES covers objects that
later revisions create as the same user; each later view revision grants too.

Revision ID: 0003
Revises: 0002
Created: 2026-11-22 03:00:00
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

CREATE_ROLE = r"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN
        CREATE ROLE {name} NOLOGIN;
        COMMENT ON ROLE {name} IS '{comment}';
    END IF;
EXCEPTION
    WHEN duplicate_object THEN NULL;  -- another database's migration created it meanwhile
    WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'cannot create role {name} as %', current_user
            USING HINT = 'Ask an administrator to run: CREATE ROLE {name} NOLOGIN;';
END
$$;
"""

ROLES = {
    "parkdb_reader": "parkdb analysts: USAGE on schema reporting and SELECT on its views, nothing else.",
    "parkdb_loader": "parkdb loader: reads and writes the core tables in public; cannot change the schema.",
}

GRANT = r"""
GRANT USAGE ON SCHEMA reporting TO parkdb_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO parkdb_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO parkdb_reader;

GRANT USAGE ON SCHEMA public TO parkdb_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO parkdb_loader;
REVOKE INSERT, UPDATE, DELETE ON public.alembic_version FROM parkdb_loader;  -- the schema's revision is not the loader's
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO parkdb_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO parkdb_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO parkdb_loader;
"""

REVOKE = r"""
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM parkdb_loader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM parkdb_loader;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM parkdb_loader;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM parkdb_loader;
REVOKE ALL ON SCHEMA public FROM parkdb_loader;

ALTER DEFAULT PRIVILEGES IN SCHEMA reporting REVOKE SELECT ON TABLES FROM parkdb_reader;
REVOKE ALL ON ALL TABLES IN SCHEMA reporting FROM parkdb_reader;
REVOKE ALL ON SCHEMA reporting FROM parkdb_reader;
"""

# Other databases in the cluster (other parkdb copies, test templates) may still
# hold grants to a role, and an administrator may have granted it to login users;
# then the role stays and only this database lets go of it.
DROP_ROLE_IF_UNUSED = r"""
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_auth_members AS m JOIN pg_roles AS r ON r.oid = m.roleid
               WHERE r.rolname = '{name}') THEN
        RAISE NOTICE '{name} kept: it is granted to other roles';
        RETURN;
    END IF;
    DROP ROLE IF EXISTS {name};
EXCEPTION WHEN dependent_objects_still_exist THEN
    RAISE NOTICE '{name} kept: another database still grants it privileges';
END
$$;
"""


def upgrade() -> None:
    for name, comment in ROLES.items():
        op.execute(CREATE_ROLE.format(name=name, comment=comment))
    op.execute(GRANT)


def downgrade() -> None:
    op.execute(REVOKE)
    for name in ROLES:
        op.execute(DROP_ROLE_IF_UNUSED.format(name=name))
