-- reporting.latest_metrics: one row per subject × metric.
-- "What is the latest figure for X?": the value of the most recent reported period
-- (by period_end, then the article's publication date), with its source. It is the
-- reporting.metric_series row with the latest period_end (ties: the later article).
-- Targets and undated figures are left out: a 2030 goal is not the latest value.
-- It reads public.fact_series (one row per subject × metric × period, with the
-- fact from the latest article already chosen), so a subject's latest figures are
-- one index range there. Filter on subject_name and/or metric: both are DISTINCT ON
-- keys, so the filter reaches each kind's name index or the metric's series first.
CREATE OR REPLACE VIEW reporting.latest_metrics AS
WITH reported_series AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, m.name AS metric,
           fs.period_kind, fs.period_start, fs.period_end, fs.published_on, fs.fact_id
    FROM public.platforms AS p
    JOIN public.fact_series AS fs ON fs.subject_kind = 'platform' AND fs.subject_id = p.id
    JOIN public.metrics AS m ON m.id = fs.metric_id
    WHERE fs.period_kind IN ('actual', 'asof')
    UNION ALL
    SELECT 'enterprise'::text, e.name, m.name,
           fs.period_kind, fs.period_start, fs.period_end, fs.published_on, fs.fact_id
    FROM public.enterprises AS e
    JOIN public.fact_series AS fs ON fs.subject_kind = 'enterprise' AND fs.subject_id = e.id
    JOIN public.metrics AS m ON m.id = fs.metric_id
    WHERE fs.period_kind IN ('actual', 'asof')
    UNION ALL
    SELECT 'project'::text, pr.name, m.name,
           fs.period_kind, fs.period_start, fs.period_end, fs.published_on, fs.fact_id
    FROM public.projects AS pr
    JOIN public.fact_series AS fs ON fs.subject_kind = 'project' AND fs.subject_id = pr.id
    JOIN public.metrics AS m ON m.id = fs.metric_id
    WHERE fs.period_kind IN ('actual', 'asof')
    UNION ALL
    SELECT 'region'::text, r.name, m.name,
           fs.period_kind, fs.period_start, fs.period_end, fs.published_on, fs.fact_id
    FROM public.regions AS r
    JOIN public.fact_series AS fs ON fs.subject_kind = 'region' AND fs.subject_id = r.id
    JOIN public.metrics AS m ON m.id = fs.metric_id
    WHERE fs.period_kind IN ('actual', 'asof')
),
latest AS (
    SELECT DISTINCT ON (subject_kind, subject_name, metric) rs.*
    FROM reported_series AS rs
    ORDER BY subject_kind, subject_name, metric,
             period_end DESC, published_on DESC NULLS LAST, period_kind, period_start, fact_id
)
SELECT l.subject_kind,
       l.subject_name,
       l.metric,
       l.period_kind,
       l.period_start,
       l.period_end,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       s.source_key,
       s.published_on,
       f.quote
FROM latest AS l
JOIN public.facts AS f ON f.id = l.fact_id
JOIN public.sources AS s ON s.id = f.source_id;

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
COMMENT ON COLUMN reporting.latest_metrics.source_key IS 'The article the value comes from (an exact figure first, then the latest published for that period).';
COMMENT ON COLUMN reporting.latest_metrics.published_on IS 'Publication date of that article.';
COMMENT ON COLUMN reporting.latest_metrics.quote IS 'The clause of that article that states the value.';
