"""Keep each fact's period as the text gives it, before the publication date anchors it.

Why: a date supplied later (an edited manifest row) must re-date relative periods
(去年, 今年1~3月, 截至目前) without re-extracting the article;
loaders.extract.periods.resolve_expr(period_expr, published_on) gives the period again.
reporting.facts reads facts through `f.*`, which PostgreSQL expands when the view is
made, so the view is made again (same SQL as 0010, same columns and rows) to keep
sql/facts.sql and the database alike; downgrade lets go of the column first.

Revision ID: 0017_load_fact_period_expr
Revises: 0016_load_source_manifest_entry
Created: 2026-12-07 23:52:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_load_fact_period_expr"
down_revision = "0016_load_source_manifest_entry"
branch_labels = None
depends_on = None

FACTS = r"""
-- reporting.facts: one row per stored quantitative fact (CONTRACT.md).
-- The analyst's main table: who (subject), what (metric), how much (value, unit,
-- value_base), when (period), and where it was said (source, quote, span).
CREATE OR REPLACE VIEW reporting.facts AS
WITH fact_subjects AS (
    -- One branch per subject kind, so a filter on subject_name reaches that kind's name index.
    SELECT p.name AS subject_name, f.*
    FROM public.platforms AS p
    JOIN public.facts AS f ON f.subject_platform_id = p.id
    UNION ALL
    SELECT e.name, f.*
    FROM public.enterprises AS e
    JOIN public.facts AS f ON f.subject_enterprise_id = e.id
    UNION ALL
    SELECT pr.name, f.*
    FROM public.projects AS pr
    JOIN public.facts AS f ON f.subject_project_id = pr.id
    UNION ALL
    SELECT r.name, f.*
    FROM public.regions AS r
    JOIN public.facts AS f ON f.subject_region_id = r.id
)
SELECT s.source_key,
       s.title AS source_title,
       s.published_on,
       f.subject_kind,
       f.subject_name,
       m.name AS metric,
       f.metric_text,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       f.period_kind,
       f.period_start,
       f.period_end,
       f.quote,
       f.char_start,
       f.char_end
FROM fact_subjects AS f
JOIN public.sources AS s ON s.id = f.source_id
JOIN public.metrics AS m ON m.id = f.metric_id;

COMMENT ON VIEW reporting.facts IS
    'One row per stored quantitative fact: subject, metric, value as written and in base unit, qualifier, period, and the quote with its span in the article (CONTRACT.md).';
COMMENT ON COLUMN reporting.facts.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.facts.source_title IS 'Headline of the article.';
COMMENT ON COLUMN reporting.facts.published_on IS 'Publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.facts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.facts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.facts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.facts.metric_text IS 'The metric phrase as written in the article.';
COMMENT ON COLUMN reporting.facts.value IS 'The number as written (113.8); negative for a fall.';
COMMENT ON COLUMN reporting.facts.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.facts.value_base IS 'The value in the base unit (11380000000).';
COMMENT ON COLUMN reporting.facts.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.facts.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.facts.period_kind IS 'actual, asof, target or unknown.';
COMMENT ON COLUMN reporting.facts.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.facts.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.facts.quote IS 'The clause of the article that states it.';
COMMENT ON COLUMN reporting.facts.char_start IS 'Start of the quote in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.facts.char_end IS 'End of the quote in the stored article text (exclusive).';
"""


def upgrade() -> None:
    op.add_column("facts", sa.Column(
        "period_expr", sa.Text(), nullable=True,
        comment="The period as written, before the publication date is applied (actual:Y-1, asof:P, ...); "
                "NULL when the period needs no anchor."))
    op.execute(FACTS)


def downgrade() -> None:
    # Make the view name facts' other columns one by one (no period_expr), drop it, then restore f.*.
    columns = op.get_bind().exec_driver_sql(
        "SELECT string_agg('f.' || quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute"
        " WHERE attrelid = 'public.facts'::regclass AND attnum > 0 AND NOT attisdropped"
        " AND attname <> 'period_expr'").scalar()
    op.execute(FACTS.replace("f.*", columns))
    op.drop_column("facts", "period_expr")
    op.execute(FACTS)
