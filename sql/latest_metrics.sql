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
