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
