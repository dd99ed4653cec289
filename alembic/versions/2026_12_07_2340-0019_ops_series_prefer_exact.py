"""A series shows an exact figure before a bound or an approximation of the same period.

Why: an article saying 青山湖科技城's 规上工业增加值 "首次破百亿, 达113.8亿元" gives two
facts for 2021, 100 (more_than) and 113.8; the series showed whichever came from the
later article or was stored first, so reporting.metric_series, latest_metrics and
platform_comparison could chart "more than 100" where the exact 113.8 was known. Now
a fact without a qualifier wins, then the latest published article, then the lowest
fact id. Only the choice in public.fact_series_computed changes (its columns stay),
so the derived table is rebuilt and the comments that state the rule are rewritten;
downgrade restores the 0012 choice and rebuilds again.

Revision ID: 0019_ops_series_prefer_exact
Revises: 0018_ops_fact_sentence
Created: 2026-12-07 23:40:00
"""
from __future__ import annotations

from alembic import op

revision = "0019_ops_series_prefer_exact"
down_revision = "0018_ops_fact_sentence"
branch_labels = None
depends_on = None

FACT_SERIES_COMPUTED = r"""
CREATE OR REPLACE VIEW public.fact_series_computed AS
WITH keyed_facts AS (
    -- One branch per subject kind, so a filter on subject_id reaches that kind's
    -- (subject, metric, period_end) index on facts.
    SELECT 'platform'::text AS subject_kind, f.subject_platform_id AS subject_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_platform_id IS NOT NULL
    UNION ALL
    SELECT 'enterprise'::text, f.subject_enterprise_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_enterprise_id IS NOT NULL
    UNION ALL
    SELECT 'project'::text, f.subject_project_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_project_id IS NOT NULL
    UNION ALL
    SELECT 'region'::text, f.subject_region_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_region_id IS NOT NULL
)
SELECT kf.subject_kind,
       kf.subject_id,
       kf.metric_id,
       kf.period_kind,
       kf.period_start,
       kf.period_end,
       -- An exact figure before a bound or an approximation (超过, 近, 约: qualifier set), then
       -- the latest published article, then the fact stored first.
       (array_agg(kf.id ORDER BY kf.qualifier IS NOT NULL, s.published_on DESC NULLS LAST, kf.id))[1] AS fact_id,
       max(s.published_on) AS published_on,
       count(*) AS fact_count,
       count(DISTINCT kf.source_id) AS source_count,
       count(DISTINCT (coalesce(kf.base_unit, kf.unit), coalesce(kf.value_base, kf.value))) AS value_count
FROM keyed_facts AS kf
JOIN public.sources AS s ON s.id = kf.source_id
GROUP BY kf.subject_kind, kf.subject_id, kf.metric_id, kf.period_kind, kf.period_start, kf.period_end;
"""

FACT_SERIES_COMPUTED_0012 = r"""
CREATE OR REPLACE VIEW public.fact_series_computed AS
WITH keyed_facts AS (
    -- One branch per subject kind, so a filter on subject_id reaches that kind's
    -- (subject, metric, period_end) index on facts.
    SELECT 'platform'::text AS subject_kind, f.subject_platform_id AS subject_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit
    FROM public.facts AS f
    WHERE f.subject_platform_id IS NOT NULL
    UNION ALL
    SELECT 'enterprise'::text, f.subject_enterprise_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit
    FROM public.facts AS f
    WHERE f.subject_enterprise_id IS NOT NULL
    UNION ALL
    SELECT 'project'::text, f.subject_project_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit
    FROM public.facts AS f
    WHERE f.subject_project_id IS NOT NULL
    UNION ALL
    SELECT 'region'::text, f.subject_region_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit
    FROM public.facts AS f
    WHERE f.subject_region_id IS NOT NULL
)
SELECT kf.subject_kind,
       kf.subject_id,
       kf.metric_id,
       kf.period_kind,
       kf.period_start,
       kf.period_end,
       (array_agg(kf.id ORDER BY s.published_on DESC NULLS LAST, kf.id))[1] AS fact_id,
       max(s.published_on) AS published_on,
       count(*) AS fact_count,
       count(DISTINCT kf.source_id) AS source_count,
       count(DISTINCT (coalesce(kf.base_unit, kf.unit), coalesce(kf.value_base, kf.value))) AS value_count
FROM keyed_facts AS kf
JOIN public.sources AS s ON s.id = kf.source_id
GROUP BY kf.subject_kind, kf.subject_id, kf.metric_id, kf.period_kind, kf.period_start, kf.period_end;
"""

COMMENTS = r"""
COMMENT ON TABLE public.fact_series IS 'Derived, kept by triggers: one row per subject × metric × period with the fact the series shows (an exact figure before a bound or approximation, then the latest published article, then the lowest fact id) and how many facts, articles and distinct values report it. Rebuild with SELECT public.rebuild_fact_series().';
COMMENT ON VIEW reporting.metric_series IS 'One row per subject × metric × period (period_kind, period_start, period_end): the value of an exact figure before a bound or approximation, then from the latest published article reporting it (ties: lowest fact id), with that article''s quote, and how many articles reported it.';
COMMENT ON COLUMN reporting.metric_series.source_key IS 'The chosen article: the one with an exact figure before one with a bound, then the latest published among those reporting this subject × metric × period.';
COMMENT ON COLUMN reporting.latest_metrics.source_key IS 'The article the value comes from (an exact figure first, then the latest published for that period).';
COMMENT ON COLUMN reporting.platform_comparison.source_key IS 'The article the value comes from (an exact figure first, then the latest published for that period).';
"""

COMMENTS_0012 = r"""
COMMENT ON TABLE public.fact_series IS 'Derived, kept by triggers: one row per subject × metric × period with the fact reporting it from the latest published article (ties: lowest fact id) and how many facts, articles and distinct values report it. Rebuild with SELECT public.rebuild_fact_series().';
COMMENT ON VIEW reporting.metric_series IS 'One row per subject × metric × period (period_kind, period_start, period_end): the value from the latest published article reporting it (ties: lowest fact id), with that article''s quote, and how many articles reported it.';
COMMENT ON COLUMN reporting.metric_series.source_key IS 'The chosen article: the latest published among those reporting this subject × metric × period.';
COMMENT ON COLUMN reporting.latest_metrics.source_key IS 'The article the value comes from (latest published for that period).';
COMMENT ON COLUMN reporting.platform_comparison.source_key IS 'The article the value comes from (latest published for that period).';
"""


def upgrade() -> None:
    op.execute(FACT_SERIES_COMPUTED)
    op.execute("SELECT public.rebuild_fact_series()")
    op.execute(COMMENTS)


def downgrade() -> None:
    op.execute(FACT_SERIES_COMPUTED_0012)
    op.execute("SELECT public.rebuild_fact_series()")
    op.execute(COMMENTS_0012)
