"""Show readers each article's raw decoded text (reporting.source_raw_texts) for parkdb serve.

Why: the review web page (issue 13) shows an article's raw text one click away from its
cleaned text, and it reads as parkdb_reader, which sees only schema reporting. A view of
its own keeps reporting.sources (listed on every page) from reading the raw files.
Downgrade drops the view.

Revision ID: 0026_web_raw_texts
Revises: 0025_review_entity_articles
Created: 2026-12-08 01:00:00
"""
from __future__ import annotations

from alembic import op

revision = "0026_web_raw_texts"
down_revision = "0025_review_entity_articles"
branch_labels = None
depends_on = None

VIEW = r"""
CREATE OR REPLACE VIEW reporting.source_raw_texts AS
SELECT s.source_key,
       s.encoding,
       s.media_type,
       s.raw_text
FROM public.sources AS s;

COMMENT ON VIEW reporting.source_raw_texts IS
    'One row per article: the file as decoded, before cleaning, with its encoding and media type (filter on source_key).';
COMMENT ON COLUMN reporting.source_raw_texts.source_key IS 'The article''s readable unique key (as reporting.sources).';
COMMENT ON COLUMN reporting.source_raw_texts.encoding IS 'The encoding the file was decoded from (utf-8, gb18030, big5, ...).';
COMMENT ON COLUMN reporting.source_raw_texts.media_type IS 'text/plain or text/html.';
COMMENT ON COLUMN reporting.source_raw_texts.raw_text IS 'The decoded file before cleaning (HTML pages as markup: untrusted, show it escaped).';
"""

# Default privileges grant new reporting views to both roles when the migrating user
# set them up; granting by name also covers a database migrated by another owner.
GRANT = r"""
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parkdb_reader') THEN
        GRANT SELECT ON reporting.source_raw_texts TO parkdb_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parkdb_reviewer') THEN
        GRANT SELECT ON reporting.source_raw_texts TO parkdb_reviewer;
    END IF;
END;
$$;
"""


def upgrade() -> None:
    op.execute(VIEW)
    op.execute(GRANT)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS reporting.source_raw_texts")
