"""Redefine metric_series, latest_metrics and fact_conflicts so a subject filter stays fast.

Why: on 100,000 articles the 0005 definitions took 1-2 s for one platform
(bench/RESULTS.md): metric_series grouped and then joined every chosen fact back
to facts and sources, which the planner did with full scans; latest_metrics
computed a subject's whole series to keep one row per metric. Now metric_series
picks with window functions partitioned by the series key (the filter is applied
first, nothing is joined back), latest_metrics walks the new (subject, metric,
period_end) index of each subject × metric down to its last period, and
fact_conflicts keeps one row per article and value with DISTINCT ON. Same
columns, same rows; downgrade restores the 0005 definitions.

Revision ID: 0009
Revises: 0008
Created: 2026-11-22 04:00:00
"""
from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

METRIC_SERIES = r"""
-- reporting.metric_series: one row per subject × metric × period.
-- The time series an analyst charts: for each subject, metric and period, one
-- value. When several articles report the same subject × metric × period, the
-- latest published one wins (then the lowest fact id), and source_count says how
-- many articles reported it (see reporting.fact_conflicts for disagreements).
-- Filter on subject_name and/or metric: both are grouping keys, so the filter
-- reaches the per-kind name indexes before anything is grouped.
CREATE OR REPLACE VIEW reporting.metric_series AS
WITH subject_facts AS (
    -- One branch per subject kind, each joining its metric, so a filter on subject_name
    -- or metric reaches the (subject, metric, period_end) index of that kind.
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, m.name AS metric,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.platforms AS p
    JOIN public.facts AS f ON f.subject_platform_id = p.id
    JOIN public.metrics AS m ON m.id = f.metric_id
    UNION ALL
    SELECT 'enterprise'::text, e.name, m.name,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.enterprises AS e
    JOIN public.facts AS f ON f.subject_enterprise_id = e.id
    JOIN public.metrics AS m ON m.id = f.metric_id
    UNION ALL
    SELECT 'project'::text, pr.name, m.name,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.projects AS pr
    JOIN public.facts AS f ON f.subject_project_id = pr.id
    JOIN public.metrics AS m ON m.id = f.metric_id
    UNION ALL
    SELECT 'region'::text, r.name, m.name,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.regions AS r
    JOIN public.facts AS f ON f.subject_region_id = r.id
    JOIN public.metrics AS m ON m.id = f.metric_id
),
dated_facts AS (
    SELECT sf.subject_kind,
           sf.subject_name,
           sf.metric,
           sf.period_kind,
           sf.period_start,
           sf.period_end,
           sf.id AS fact_id,
           sf.source_id,
           sf.value,
           sf.unit,
           sf.value_base,
           sf.base_unit,
           sf.qualifier,
           sf.quote,
           -- looked up per fact (a filtered series touches few articles), never by scanning sources
           (SELECT s.published_on FROM public.sources AS s WHERE s.id = sf.source_id) AS published_on
    FROM subject_facts AS sf
),
-- Every window is partitioned by the series key, so a filter on it is applied first.
ranked_facts AS (
    SELECT df.*,
           row_number() OVER (PARTITION BY subject_kind, subject_name, metric, period_kind, period_start, period_end
                              ORDER BY published_on DESC NULLS LAST, fact_id) AS recency,
           row_number() OVER (PARTITION BY subject_kind, subject_name, metric, period_kind, period_start, period_end,
                                           source_id
                              ORDER BY fact_id) AS nth_in_source
    FROM dated_facts AS df
),
counted_facts AS (
    SELECT rf.*,
           count(*) FILTER (WHERE nth_in_source = 1)
               OVER (PARTITION BY subject_kind, subject_name, metric, period_kind, period_start, period_end)
               AS source_count
    FROM ranked_facts AS rf
)
SELECT subject_kind,
       subject_name,
       metric,
       period_kind,
       period_start,
       period_end,
       value,
       unit,
       value_base,
       base_unit,
       qualifier,
       (SELECT s.source_key FROM public.sources AS s WHERE s.id = counted_facts.source_id) AS source_key,
       published_on,
       quote,
       source_count
FROM counted_facts
WHERE recency = 1;

COMMENT ON VIEW reporting.metric_series IS
    'One row per subject × metric × period (period_kind, period_start, period_end): the value from the latest published article reporting it (ties: lowest fact id), with that article''s quote, and how many articles reported it.';
COMMENT ON COLUMN reporting.metric_series.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.metric_series.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.metric_series.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.metric_series.period_kind IS 'actual, asof, target or unknown (all undated figures of a subject × metric share one row).';
COMMENT ON COLUMN reporting.metric_series.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.metric_series.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.metric_series.value IS 'The number as written in the chosen article.';
COMMENT ON COLUMN reporting.metric_series.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.metric_series.value_base IS 'The value in the base unit; null for units without one.';
COMMENT ON COLUMN reporting.metric_series.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.metric_series.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.metric_series.source_key IS 'The chosen article: the latest published among those reporting this subject × metric × period.';
COMMENT ON COLUMN reporting.metric_series.published_on IS 'Publication date of the chosen article.';
COMMENT ON COLUMN reporting.metric_series.quote IS 'The clause of the chosen article that states the value.';
COMMENT ON COLUMN reporting.metric_series.source_count IS 'How many articles reported this subject × metric × period (1 = a single source).';
"""

LATEST_METRICS = r"""
-- reporting.latest_metrics: one row per subject × metric.
-- "What is the latest figure for X?": the value of the most recent reported period
-- (by period_end, then the article's publication date), with its source. It is the
-- reporting.metric_series row with the latest period_end (ties: the later article).
-- Targets and undated figures are left out: a 2030 goal is not the latest value.
-- Filter on subject_name and/or metric: each subject × metric pair is one LATERAL
-- walk down the (subject, metric, period_end) index that stops at the first period.
CREATE OR REPLACE VIEW reporting.latest_metrics AS
WITH latest_facts AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, m.name AS metric, latest.*
    FROM public.platforms AS p
    CROSS JOIN public.metrics AS m
    JOIN LATERAL (
        SELECT f.id AS fact_id, f.source_id
        FROM public.facts AS f
        WHERE f.subject_platform_id = p.id AND f.metric_id = m.id AND f.period_kind IN ('actual', 'asof')
        ORDER BY f.period_end DESC,
                 (SELECT s.published_on FROM public.sources AS s WHERE s.id = f.source_id) DESC NULLS LAST,
                 f.period_kind, f.period_start, f.id
        LIMIT 1
    ) AS latest ON true
    UNION ALL
    SELECT 'enterprise'::text, e.name, m.name, latest.*
    FROM public.enterprises AS e
    CROSS JOIN public.metrics AS m
    JOIN LATERAL (
        SELECT f.id AS fact_id, f.source_id
        FROM public.facts AS f
        WHERE f.subject_enterprise_id = e.id AND f.metric_id = m.id AND f.period_kind IN ('actual', 'asof')
        ORDER BY f.period_end DESC,
                 (SELECT s.published_on FROM public.sources AS s WHERE s.id = f.source_id) DESC NULLS LAST,
                 f.period_kind, f.period_start, f.id
        LIMIT 1
    ) AS latest ON true
    UNION ALL
    SELECT 'project'::text, pr.name, m.name, latest.*
    FROM public.projects AS pr
    CROSS JOIN public.metrics AS m
    JOIN LATERAL (
        SELECT f.id AS fact_id, f.source_id
        FROM public.facts AS f
        WHERE f.subject_project_id = pr.id AND f.metric_id = m.id AND f.period_kind IN ('actual', 'asof')
        ORDER BY f.period_end DESC,
                 (SELECT s.published_on FROM public.sources AS s WHERE s.id = f.source_id) DESC NULLS LAST,
                 f.period_kind, f.period_start, f.id
        LIMIT 1
    ) AS latest ON true
    UNION ALL
    SELECT 'region'::text, r.name, m.name, latest.*
    FROM public.regions AS r
    CROSS JOIN public.metrics AS m
    JOIN LATERAL (
        SELECT f.id AS fact_id, f.source_id
        FROM public.facts AS f
        WHERE f.subject_region_id = r.id AND f.metric_id = m.id AND f.period_kind IN ('actual', 'asof')
        ORDER BY f.period_end DESC,
                 (SELECT s.published_on FROM public.sources AS s WHERE s.id = f.source_id) DESC NULLS LAST,
                 f.period_kind, f.period_start, f.id
        LIMIT 1
    ) AS latest ON true
)
SELECT lf.subject_kind,
       lf.subject_name,
       lf.metric,
       f.period_kind,
       f.period_start,
       f.period_end,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       s.source_key,
       s.published_on,
       f.quote
FROM latest_facts AS lf
JOIN public.facts AS f ON f.id = lf.fact_id
JOIN public.sources AS s ON s.id = lf.source_id;

COMMENT ON VIEW reporting.latest_metrics IS
    'One row per subject × metric: the value for the most recent reported period (actual or asof; by period_end, then publication date), with the article and quote it comes from. Targets and undated figures are excluded.';
COMMENT ON COLUMN reporting.latest_metrics.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.latest_metrics.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.latest_metrics.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.latest_metrics.period_kind IS 'actual (a flow over the period) or asof (a stock at period_end).';
COMMENT ON COLUMN reporting.latest_metrics.period_start IS 'First day the figure covers (null for asof).';
COMMENT ON COLUMN reporting.latest_metrics.period_end IS 'Last day the latest figure covers, or its as-of date.';
COMMENT ON COLUMN reporting.latest_metrics.value IS 'The number as written.';
COMMENT ON COLUMN reporting.latest_metrics.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.latest_metrics.value_base IS 'The value in the base unit; null for units without one.';
COMMENT ON COLUMN reporting.latest_metrics.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.latest_metrics.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.latest_metrics.source_key IS 'The article the value comes from (latest published for that period).';
COMMENT ON COLUMN reporting.latest_metrics.published_on IS 'Publication date of that article.';
COMMENT ON COLUMN reporting.latest_metrics.quote IS 'The clause of that article that states the value.';
"""

FACT_CONFLICTS = r"""
-- reporting.fact_conflicts: one row per pair of articles that disagree on a
-- subject × metric × period.
-- Quality control: the same figure reported with different values by different
-- articles, side by side with both quotes, so an analyst can judge which to trust.
-- Values are compared in the base unit (value_base) or, without one, as written
-- in the same unit; figures in different units are not compared. Undated figures
-- (period_kind unknown) are left out: they need not be about the same time.
-- Each pair appears once (source a's id < source b's id). Filter on subject_name.
CREATE OR REPLACE VIEW reporting.fact_conflicts AS
WITH subject_facts AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, m.name AS metric,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.platforms AS p
    JOIN public.facts AS f ON f.subject_platform_id = p.id
    JOIN public.metrics AS m ON m.id = f.metric_id
    UNION ALL
    SELECT 'enterprise'::text, e.name, m.name,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.enterprises AS e
    JOIN public.facts AS f ON f.subject_enterprise_id = e.id
    JOIN public.metrics AS m ON m.id = f.metric_id
    UNION ALL
    SELECT 'project'::text, pr.name, m.name,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.projects AS pr
    JOIN public.facts AS f ON f.subject_project_id = pr.id
    JOIN public.metrics AS m ON m.id = f.metric_id
    UNION ALL
    SELECT 'region'::text, r.name, m.name,
           f.id, f.source_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.regions AS r
    JOIN public.facts AS f ON f.subject_region_id = r.id
    JOIN public.metrics AS m ON m.id = f.metric_id
),
-- One row per article and distinct value: repeating a figure is not disagreeing with it.
source_values AS NOT MATERIALIZED (
    SELECT DISTINCT ON (subject_kind, subject_name, metric, period_kind, period_start, period_end,
                        source_id, compared_unit, compared_value)
           sf.*,
           coalesce(sf.base_unit, sf.unit) AS compared_unit,
           coalesce(sf.value_base, sf.value) AS compared_value
    FROM subject_facts AS sf
    WHERE sf.period_kind <> 'unknown'
    ORDER BY subject_kind, subject_name, metric, period_kind, period_start, period_end,
             source_id, compared_unit, compared_value, sf.id
),
conflicting_pairs AS (
    SELECT a.subject_kind,
           a.subject_name,
           a.metric,
           a.period_kind,
           a.period_start,
           a.period_end,
           a.source_id AS source_id_a,
           a.value AS value_a,
           a.unit AS unit_a,
           a.value_base AS value_base_a,
           a.qualifier AS qualifier_a,
           a.quote AS quote_a,
           b.source_id AS source_id_b,
           b.value AS value_b,
           b.unit AS unit_b,
           b.value_base AS value_base_b,
           b.qualifier AS qualifier_b,
           b.quote AS quote_b
    FROM source_values AS a
    JOIN source_values AS b
      ON b.subject_kind = a.subject_kind
     AND b.subject_name = a.subject_name
     AND b.metric = a.metric
     AND b.period_kind = a.period_kind
     AND b.period_start IS NOT DISTINCT FROM a.period_start
     AND b.period_end IS NOT DISTINCT FROM a.period_end
     AND b.compared_unit = a.compared_unit
     AND b.source_id > a.source_id
     AND b.compared_value <> a.compared_value
)
SELECT cp.subject_kind,
       cp.subject_name,
       cp.metric,
       cp.period_kind,
       cp.period_start,
       cp.period_end,
       cp.value_a,
       cp.unit_a,
       cp.value_base_a,
       cp.qualifier_a,
       sa.source_key AS source_key_a,
       sa.published_on AS published_on_a,
       cp.quote_a,
       cp.value_b,
       cp.unit_b,
       cp.value_base_b,
       cp.qualifier_b,
       sb.source_key AS source_key_b,
       sb.published_on AS published_on_b,
       cp.quote_b
FROM conflicting_pairs AS cp
JOIN public.sources AS sa ON sa.id = cp.source_id_a
JOIN public.sources AS sb ON sb.id = cp.source_id_b;

COMMENT ON VIEW reporting.fact_conflicts IS
    'One row per pair of articles reporting different values for the same subject × metric × period (compared in the base unit, or as written in the same unit), with both values, quotes and sources. Each pair once; undated figures excluded.';
COMMENT ON COLUMN reporting.fact_conflicts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.fact_conflicts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.fact_conflicts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.fact_conflicts.period_kind IS 'actual, asof or target.';
COMMENT ON COLUMN reporting.fact_conflicts.period_start IS 'First day the figures cover (null for asof).';
COMMENT ON COLUMN reporting.fact_conflicts.period_end IS 'Last day they cover, or the as-of date.';
COMMENT ON COLUMN reporting.fact_conflicts.value_a IS 'The number as written in article a.';
COMMENT ON COLUMN reporting.fact_conflicts.unit_a IS 'The unit as written in article a.';
COMMENT ON COLUMN reporting.fact_conflicts.value_base_a IS 'Article a''s value in the base unit (null without one).';
COMMENT ON COLUMN reporting.fact_conflicts.qualifier_a IS 'Article a''s qualifier (more_than, about, less_than) or null: an "about" may explain a difference.';
COMMENT ON COLUMN reporting.fact_conflicts.source_key_a IS 'Article a (the one stored first).';
COMMENT ON COLUMN reporting.fact_conflicts.published_on_a IS 'Publication date of article a.';
COMMENT ON COLUMN reporting.fact_conflicts.quote_a IS 'The clause of article a that states its value.';
COMMENT ON COLUMN reporting.fact_conflicts.value_b IS 'The number as written in article b.';
COMMENT ON COLUMN reporting.fact_conflicts.unit_b IS 'The unit as written in article b.';
COMMENT ON COLUMN reporting.fact_conflicts.value_base_b IS 'Article b''s value in the base unit (null without one).';
COMMENT ON COLUMN reporting.fact_conflicts.qualifier_b IS 'Article b''s qualifier (more_than, about, less_than) or null.';
COMMENT ON COLUMN reporting.fact_conflicts.source_key_b IS 'Article b (stored after a).';
COMMENT ON COLUMN reporting.fact_conflicts.published_on_b IS 'Publication date of article b.';
COMMENT ON COLUMN reporting.fact_conflicts.quote_b IS 'The clause of article b that states its value.';
"""

# As revision 0005 created it; downgrade restores it.
PREVIOUS_METRIC_SERIES = r"""
-- reporting.metric_series: one row per subject × metric × period.
-- The time series an analyst charts: for each subject, metric and period, one
-- value. When several articles report the same subject × metric × period, the
-- latest published one wins (then the lowest fact id), and source_count says how
-- many articles reported it (see reporting.fact_conflicts for disagreements).
-- Filter on subject_name and/or metric: both are grouping keys, so the filter
-- reaches the per-kind name indexes before anything is grouped.
CREATE OR REPLACE VIEW reporting.metric_series AS
WITH subject_facts AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, f.id AS fact_id, f.source_id,
           f.metric_id, f.period_kind, f.period_start, f.period_end
    FROM public.platforms AS p
    JOIN public.facts AS f ON f.subject_platform_id = p.id
    UNION ALL
    SELECT 'enterprise'::text, e.name, f.id, f.source_id, f.metric_id, f.period_kind, f.period_start, f.period_end
    FROM public.enterprises AS e
    JOIN public.facts AS f ON f.subject_enterprise_id = e.id
    UNION ALL
    SELECT 'project'::text, pr.name, f.id, f.source_id, f.metric_id, f.period_kind, f.period_start, f.period_end
    FROM public.projects AS pr
    JOIN public.facts AS f ON f.subject_project_id = pr.id
    UNION ALL
    SELECT 'region'::text, r.name, f.id, f.source_id, f.metric_id, f.period_kind, f.period_start, f.period_end
    FROM public.regions AS r
    JOIN public.facts AS f ON f.subject_region_id = r.id
),
dated_facts AS (
    SELECT sf.*,
           m.name AS metric,
           s.published_on
    FROM subject_facts AS sf
    JOIN public.metrics AS m ON m.id = sf.metric_id
    JOIN public.sources AS s ON s.id = sf.source_id
),
series AS (
    SELECT subject_kind,
           subject_name,
           metric,
           period_kind,
           period_start,
           period_end,
           count(DISTINCT source_id) AS source_count,
           (array_agg(fact_id ORDER BY published_on DESC NULLS LAST, fact_id))[1] AS chosen_fact_id
    FROM dated_facts
    GROUP BY subject_kind, subject_name, metric, period_kind, period_start, period_end
)
SELECT se.subject_kind,
       se.subject_name,
       se.metric,
       se.period_kind,
       se.period_start,
       se.period_end,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       s.source_key,
       s.published_on,
       f.quote,
       se.source_count
FROM series AS se
JOIN public.facts AS f ON f.id = se.chosen_fact_id
JOIN public.sources AS s ON s.id = f.source_id;

COMMENT ON VIEW reporting.metric_series IS
    'One row per subject × metric × period (period_kind, period_start, period_end): the value from the latest published article reporting it (ties: lowest fact id), with that article''s quote, and how many articles reported it.';
COMMENT ON COLUMN reporting.metric_series.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.metric_series.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.metric_series.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.metric_series.period_kind IS 'actual, asof, target or unknown (all undated figures of a subject × metric share one row).';
COMMENT ON COLUMN reporting.metric_series.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.metric_series.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.metric_series.value IS 'The number as written in the chosen article.';
COMMENT ON COLUMN reporting.metric_series.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.metric_series.value_base IS 'The value in the base unit; null for units without one.';
COMMENT ON COLUMN reporting.metric_series.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.metric_series.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.metric_series.source_key IS 'The chosen article: the latest published among those reporting this subject × metric × period.';
COMMENT ON COLUMN reporting.metric_series.published_on IS 'Publication date of the chosen article.';
COMMENT ON COLUMN reporting.metric_series.quote IS 'The clause of the chosen article that states the value.';
COMMENT ON COLUMN reporting.metric_series.source_count IS 'How many articles reported this subject × metric × period (1 = a single source).';
"""

# As revision 0005 created it; downgrade restores it.
PREVIOUS_LATEST_METRICS = r"""
-- reporting.latest_metrics: one row per subject × metric.
-- "What is the latest figure for X?": the value of the most recent reported period
-- (by period_end, then the article's publication date), with its source.
-- Targets and undated figures are left out: a 2030 goal is not the latest value.
-- Filter on subject_name and/or metric (both are DISTINCT ON keys, so the filter is pushed down).
CREATE OR REPLACE VIEW reporting.latest_metrics AS
WITH reported_periods AS (
    SELECT ms.*
    FROM reporting.metric_series AS ms
    WHERE ms.period_kind IN ('actual', 'asof')
),
latest AS (
    SELECT DISTINCT ON (subject_kind, subject_name, metric) *
    FROM reported_periods
    ORDER BY subject_kind, subject_name, metric,
             period_end DESC, published_on DESC NULLS LAST, period_kind, period_start
)
SELECT subject_kind,
       subject_name,
       metric,
       period_kind,
       period_start,
       period_end,
       value,
       unit,
       value_base,
       base_unit,
       qualifier,
       source_key,
       published_on,
       quote
FROM latest;

COMMENT ON VIEW reporting.latest_metrics IS
    'One row per subject × metric: the value for the most recent reported period (actual or asof; by period_end, then publication date), with the article and quote it comes from. Targets and undated figures are excluded.';
COMMENT ON COLUMN reporting.latest_metrics.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.latest_metrics.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.latest_metrics.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.latest_metrics.period_kind IS 'actual (a flow over the period) or asof (a stock at period_end).';
COMMENT ON COLUMN reporting.latest_metrics.period_start IS 'First day the figure covers (null for asof).';
COMMENT ON COLUMN reporting.latest_metrics.period_end IS 'Last day the latest figure covers, or its as-of date.';
COMMENT ON COLUMN reporting.latest_metrics.value IS 'The number as written.';
COMMENT ON COLUMN reporting.latest_metrics.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.latest_metrics.value_base IS 'The value in the base unit; null for units without one.';
COMMENT ON COLUMN reporting.latest_metrics.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.latest_metrics.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.latest_metrics.source_key IS 'The article the value comes from (latest published for that period).';
COMMENT ON COLUMN reporting.latest_metrics.published_on IS 'Publication date of that article.';
COMMENT ON COLUMN reporting.latest_metrics.quote IS 'The clause of that article that states the value.';
"""

# As revision 0005 created it; downgrade restores it.
PREVIOUS_FACT_CONFLICTS = r"""
-- reporting.fact_conflicts: one row per pair of articles that disagree on a
-- subject × metric × period.
-- Quality control: the same figure reported with different values by different
-- articles, side by side with both quotes, so an analyst can judge which to trust.
-- Values are compared in the base unit (value_base) or, without one, as written
-- in the same unit; figures in different units are not compared. Undated figures
-- (period_kind unknown) are left out: they need not be about the same time.
-- Each pair appears once (source a's id < source b's id). Filter on subject_name.
CREATE OR REPLACE VIEW reporting.fact_conflicts AS
WITH subject_facts AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, f.id, f.source_id, f.metric_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit
    FROM public.platforms AS p
    JOIN public.facts AS f ON f.subject_platform_id = p.id
    UNION ALL
    SELECT 'enterprise'::text, e.name, f.id, f.source_id, f.metric_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit
    FROM public.enterprises AS e
    JOIN public.facts AS f ON f.subject_enterprise_id = e.id
    UNION ALL
    SELECT 'project'::text, pr.name, f.id, f.source_id, f.metric_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit
    FROM public.projects AS pr
    JOIN public.facts AS f ON f.subject_project_id = pr.id
    UNION ALL
    SELECT 'region'::text, r.name, f.id, f.source_id, f.metric_id, f.period_kind, f.period_start, f.period_end,
           f.value, f.unit, f.value_base, f.base_unit
    FROM public.regions AS r
    JOIN public.facts AS f ON f.subject_region_id = r.id
),
source_values AS NOT MATERIALIZED (
    SELECT sf.subject_kind,
           sf.subject_name,
           m.name AS metric,
           sf.period_kind,
           sf.period_start,
           sf.period_end,
           sf.source_id,
           coalesce(sf.base_unit, sf.unit) AS compared_unit,
           coalesce(sf.value_base, sf.value) AS compared_value,
           min(sf.id) AS fact_id
    FROM subject_facts AS sf
    JOIN public.metrics AS m ON m.id = sf.metric_id
    WHERE sf.period_kind <> 'unknown'
    GROUP BY sf.subject_kind, sf.subject_name, m.name, sf.period_kind, sf.period_start, sf.period_end,
             sf.source_id, coalesce(sf.base_unit, sf.unit), coalesce(sf.value_base, sf.value)
),
conflicting_pairs AS (
    SELECT a.subject_kind,
           a.subject_name,
           a.metric,
           a.period_kind,
           a.period_start,
           a.period_end,
           a.fact_id AS fact_id_a,
           b.fact_id AS fact_id_b
    FROM source_values AS a
    JOIN source_values AS b
      ON b.subject_kind = a.subject_kind
     AND b.subject_name = a.subject_name
     AND b.metric = a.metric
     AND b.period_kind = a.period_kind
     AND b.period_start IS NOT DISTINCT FROM a.period_start
     AND b.period_end IS NOT DISTINCT FROM a.period_end
     AND b.compared_unit = a.compared_unit
     AND b.source_id > a.source_id
     AND b.compared_value <> a.compared_value
)
SELECT cp.subject_kind,
       cp.subject_name,
       cp.metric,
       cp.period_kind,
       cp.period_start,
       cp.period_end,
       fa.value AS value_a,
       fa.unit AS unit_a,
       fa.value_base AS value_base_a,
       fa.qualifier AS qualifier_a,
       sa.source_key AS source_key_a,
       sa.published_on AS published_on_a,
       fa.quote AS quote_a,
       fb.value AS value_b,
       fb.unit AS unit_b,
       fb.value_base AS value_base_b,
       fb.qualifier AS qualifier_b,
       sb.source_key AS source_key_b,
       sb.published_on AS published_on_b,
       fb.quote AS quote_b
FROM conflicting_pairs AS cp
JOIN public.facts AS fa ON fa.id = cp.fact_id_a
JOIN public.sources AS sa ON sa.id = fa.source_id
JOIN public.facts AS fb ON fb.id = cp.fact_id_b
JOIN public.sources AS sb ON sb.id = fb.source_id;

COMMENT ON VIEW reporting.fact_conflicts IS
    'One row per pair of articles reporting different values for the same subject × metric × period (compared in the base unit, or as written in the same unit), with both values, quotes and sources. Each pair once; undated figures excluded.';
COMMENT ON COLUMN reporting.fact_conflicts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.fact_conflicts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.fact_conflicts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.fact_conflicts.period_kind IS 'actual, asof or target.';
COMMENT ON COLUMN reporting.fact_conflicts.period_start IS 'First day the figures cover (null for asof).';
COMMENT ON COLUMN reporting.fact_conflicts.period_end IS 'Last day they cover, or the as-of date.';
COMMENT ON COLUMN reporting.fact_conflicts.value_a IS 'The number as written in article a.';
COMMENT ON COLUMN reporting.fact_conflicts.unit_a IS 'The unit as written in article a.';
COMMENT ON COLUMN reporting.fact_conflicts.value_base_a IS 'Article a''s value in the base unit (null without one).';
COMMENT ON COLUMN reporting.fact_conflicts.qualifier_a IS 'Article a''s qualifier (more_than, about, less_than) or null: an "about" may explain a difference.';
COMMENT ON COLUMN reporting.fact_conflicts.source_key_a IS 'Article a (the one stored first).';
COMMENT ON COLUMN reporting.fact_conflicts.published_on_a IS 'Publication date of article a.';
COMMENT ON COLUMN reporting.fact_conflicts.quote_a IS 'The clause of article a that states its value.';
COMMENT ON COLUMN reporting.fact_conflicts.value_b IS 'The number as written in article b.';
COMMENT ON COLUMN reporting.fact_conflicts.unit_b IS 'The unit as written in article b.';
COMMENT ON COLUMN reporting.fact_conflicts.value_base_b IS 'Article b''s value in the base unit (null without one).';
COMMENT ON COLUMN reporting.fact_conflicts.qualifier_b IS 'Article b''s qualifier (more_than, about, less_than) or null.';
COMMENT ON COLUMN reporting.fact_conflicts.source_key_b IS 'Article b (stored after a).';
COMMENT ON COLUMN reporting.fact_conflicts.published_on_b IS 'Publication date of article b.';
COMMENT ON COLUMN reporting.fact_conflicts.quote_b IS 'The clause of article b that states its value.';
"""


def upgrade() -> None:
    op.execute(METRIC_SERIES)
    op.execute(LATEST_METRICS)
    op.execute(FACT_CONFLICTS)


def downgrade() -> None:
    op.execute(PREVIOUS_FACT_CONFLICTS)
    op.execute(PREVIOUS_METRIC_SERIES)
    op.execute(PREVIOUS_LATEST_METRICS)
