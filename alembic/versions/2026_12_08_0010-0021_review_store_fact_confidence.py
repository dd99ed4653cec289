"""Store each fact's confidence and the reasons that lowered it, and the confidence threshold.

Why: the extractor now says how sure it is of each figure (loaders.records.Fact);
figures under one threshold are candidates for review, kept in facts but not shown.
The threshold lives in one immutable SQL function, public.fact_confidence_threshold(),
that the views read and loaders.store.CONFIDENCE_THRESHOLD reads too; existing rows
get confidence 1 (what the extractor said of everything until now).

Revision ID: 0021_review_confidence
Revises: 0020_load_rejection_sha256
Created: 2026-12-08 00:10:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision = "0021_review_confidence"
down_revision = "0020_load_rejection_sha256"
branch_labels = None
depends_on = None

THRESHOLD = r"""
CREATE OR REPLACE FUNCTION public.fact_confidence_threshold() RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT 0.5::numeric $$;
COMMENT ON FUNCTION public.fact_confidence_threshold() IS
    'Facts with a lower extractor confidence are candidates (reporting.fact_candidates), kept out of the other reporting views and fact_series unless an analyst confirmed, corrected or added them. The one place the number lives; loaders.store.CONFIDENCE_THRESHOLD reads it.';
"""

# reporting.facts as revision 0010 defined it. Its "f.*" binds every column facts has when the
# view is created, so the view is dropped before those columns go and created again after.
FACTS_0010 = r"""
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
        "confidence", sa.Numeric, nullable=False, server_default=sa.text("1"),
        comment="The extractor's confidence, 0 to 1; under public.fact_confidence_threshold() the fact is a "
                "candidate (reporting.fact_candidates), not shown in the reporting views."))
    op.add_column("facts", sa.Column(
        "reasons", ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'::text[]"),
        comment="What lowered the confidence (the extractor's reasons), empty when nothing did."))
    op.create_check_constraint(op.f("ck_facts_confidence_range"), "facts", "confidence >= 0 AND confidence <= 1")
    op.execute(THRESHOLD)


def downgrade() -> None:
    op.execute("DROP FUNCTION public.fact_confidence_threshold()")
    op.drop_constraint(op.f("ck_facts_confidence_range"), "facts", type_="check")
    op.execute("DROP VIEW reporting.facts")
    for column in ("reasons", "confidence"):
        op.drop_column("facts", column)
    op.execute(FACTS_0010)
