"""Give every platform, enterprise, project and institution a stable entity_key.

Why: analysts' judgements (merge, rename, aliases) and reporting.entity_mentions need an
identity for an entity that survives reloads and renames; the name does not (the loader
renames an entity to the fullest form it sees). The key is a hash of the kind and the
name the entity was first stored under, without the 杭州/杭州市 prefix
(public.entity_key(), given by a trigger when a row is inserted); existing rows get it
from their current name.

Revision ID: 0022_review_entity_keys
Revises: 0021_review_confidence
Created: 2026-12-08 00:20:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0022_review_entity_keys"
down_revision = "0021_review_confidence"
branch_labels = None
depends_on = None

KINDS = ("platform", "enterprise", "project", "institution")

ENTITY_KEY = r"""
CREATE OR REPLACE FUNCTION public.entity_key(kind text, name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT left(encode(sha256(convert_to(concat_ws(E'\x1f', 'entity', kind,
        CASE WHEN name LIKE '杭州市%' AND char_length(name) > 5 THEN substr(name, 4)
             WHEN name LIKE '杭州%' AND char_length(name) > 4 THEN substr(name, 3)
             ELSE name END), 'UTF8')), 'hex'), 32)
$$;
COMMENT ON FUNCTION public.entity_key(text, text) IS
    'A new entity''s stable key: a hash of its kind and its name without the 杭州/杭州市 prefix. Given once, when the row is inserted; renames and merges keep it.';

CREATE OR REPLACE FUNCTION public.entities_keyed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.entity_key := coalesce(NEW.entity_key, public.entity_key(TG_ARGV[0], NEW.name));
    RETURN NEW;
END;
$$;
"""

TRIGGER = r"""
CREATE TRIGGER {table}_keyed BEFORE INSERT ON public.{table}
    FOR EACH ROW EXECUTE FUNCTION public.entities_keyed('{kind}');
"""


def upgrade() -> None:
    op.execute(ENTITY_KEY)
    for kind in KINDS:
        table = f"{kind}s"
        op.add_column(table, sa.Column(
            "entity_key", sa.Text,
            comment=f"Stable key of the {kind}: a hash of its kind and the name (without the city prefix) it was "
                    "first stored under; kept through renames and merges."))
        op.execute(f"UPDATE public.{table} SET entity_key = public.entity_key('{kind}', name)")
        # Two stored forms of one name (杭州X and X) would share a key: the younger row gets its id appended.
        op.execute(f"UPDATE public.{table} SET entity_key = entity_key || ':' || id"
                   f" WHERE id NOT IN (SELECT min(id) FROM public.{table} GROUP BY entity_key)")
        op.alter_column(table, "entity_key", nullable=False)
        op.create_unique_constraint(op.f(f"uq_{table}_entity_key"), table, ["entity_key"])
        op.execute(TRIGGER.format(table=table, kind=kind))


def downgrade() -> None:
    for kind in KINDS:
        op.execute(f"DROP TRIGGER {kind}s_keyed ON public.{kind}s")
        op.drop_column(f"{kind}s", "entity_key")
    op.execute("DROP FUNCTION public.entities_keyed()")
    op.execute("DROP FUNCTION public.entity_key(text, text)")
