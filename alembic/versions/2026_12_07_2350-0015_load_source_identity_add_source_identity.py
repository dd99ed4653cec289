"""Give each source an identity (its URL when known, else its file's resolved path), unique.

Why: a source was keyed by its path relative to the folder given to `load`, so
a/1.txt and then b/1.txt (two different articles) made the second replace the
first. The identity decides which article a changed file is a new version of;
source_key stays the readable handle. Existing rows take their URL, else the
path they were first read from (a URL shared by two rows keeps it on the first).
A row inserted without one (by hand, by an older tool) takes its original_path.

Revision ID: 0015_load_source_identity
Revises: 0019_ops_series_prefer_exact
Created: 2026-12-07 23:50:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_load_source_identity"
down_revision = "0019_ops_series_prefer_exact"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sources", sa.Column(
        "identity", sa.Text(), nullable=True,
        comment="What makes two files the same article: its URL when known (manifest, the page's canonical "
                "URL), else the resolved absolute path of the file it was first read from. Unique."))
    op.execute("""
        UPDATE sources AS s SET identity = CASE
            WHEN s.url IS NOT NULL AND s.id = (SELECT min(o.id) FROM sources AS o WHERE o.url = s.url)
                 AND NOT EXISTS (SELECT 1 FROM sources AS p WHERE p.original_path = s.url)
            THEN s.url ELSE s.original_path END
    """)
    op.alter_column("sources", "identity", nullable=False)
    op.create_unique_constraint(op.f("uq_sources_identity"), "sources", ["identity"])
    op.execute(DEFAULT_IDENTITY)


DEFAULT_IDENTITY = """
CREATE FUNCTION public.default_source_identity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.identity := coalesce(NEW.identity, NEW.original_path);
    RETURN NEW;
END $$;
COMMENT ON FUNCTION public.default_source_identity() IS
    'A source inserted without an identity is identified by the path it was read from.';
CREATE TRIGGER default_source_identity BEFORE INSERT ON public.sources
    FOR EACH ROW EXECUTE FUNCTION public.default_source_identity();
"""


def downgrade() -> None:
    op.execute("DROP TRIGGER default_source_identity ON public.sources")
    op.execute("DROP FUNCTION public.default_source_identity()")
    op.drop_constraint(op.f("uq_sources_identity"), "sources", type_="unique")
    op.drop_column("sources", "identity")
