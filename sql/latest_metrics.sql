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
