"""Add reporting.fact_sentence(source_key, char_start, char_end): a figure's sentence.

Why: reporting.facts gives a figure's quote (its clause) and span, but an analyst
checking it needs the whole sentence, and slicing source_text by hand is error-prone
(0-based offsets in SQL's 1-based substr). It runs with the caller's rights on
reporting.sources, so parkdb_reader can use it; the current definition is in
sql/functions/fact_sentence.sql. Downgrade drops it.

Revision ID: 0018_ops_fact_sentence
Revises: 0017_ops_sources_columns
Created: 2026-12-07 23:30:00
"""
from __future__ import annotations

from alembic import op

revision = "0018_ops_fact_sentence"
down_revision = "0017_ops_sources_columns"
branch_labels = None
depends_on = None

FACT_SENTENCE = r"""
-- reporting.fact_sentence(source_key, char_start, char_end): the sentence around a span.
-- Reads a figure (or a mention) in context with nothing but parkdb_reader's rights:
-- from just after the last sentence end (。！？!?；; or a line break) before char_start to
-- the next sentence end at or after char_end, trimmed. Offsets are those of the
-- views (Python-style, 0-based, end exclusive) into reporting.sources.source_text.
--     SELECT f.value, f.unit, reporting.fact_sentence(f.source_key, f.char_start, f.char_end)
--     FROM reporting.facts AS f WHERE f.subject_name = '杭州青山湖科技城';
CREATE OR REPLACE FUNCTION reporting.fact_sentence(source_key text, char_start integer, char_end integer)
RETURNS text
LANGUAGE sql
STABLE
PARALLEL SAFE
AS $function$
    SELECT btrim(substr(s.source_text, before.stop + 1, after.stop - before.stop), E' \t\r\n　')
    FROM reporting.sources AS s
    CROSS JOIN LATERAL (
        SELECT coalesce(length(substring(substr(s.source_text, 1, fact_sentence.char_start)
                                         FROM '^.*[。！？!?；;\n]')), 0) AS stop
    ) AS before
    CROSS JOIN LATERAL (
        SELECT fact_sentence.char_end
               + coalesce(length(substring(substr(s.source_text, fact_sentence.char_end + 1)
                                           FROM '^[^。！？!?；;\n]*[。！？!?；;]?')), 0) AS stop
    ) AS after
    WHERE s.source_key = fact_sentence.source_key
$function$;

COMMENT ON FUNCTION reporting.fact_sentence(text, integer, integer) IS
    'The sentence of article source_key that holds the span char_start..char_end (the offsets of reporting.facts and reporting.entity_mentions), trimmed: a figure read in context.';
"""


def upgrade() -> None:
    op.execute(FACT_SENTENCE)
    op.execute("GRANT EXECUTE ON FUNCTION reporting.fact_sentence(text, integer, integer) TO parkdb_reader")


def downgrade() -> None:
    op.execute("DROP FUNCTION reporting.fact_sentence(text, integer, integer)")
