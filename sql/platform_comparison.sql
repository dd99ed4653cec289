-- reporting.platform_comparison: one row per metric × period × platform.
-- Platforms side by side on one metric and period, ranked by value:
-- "which zone had the highest 规上工业增加值 in 2022?"
--   select * from reporting.platform_comparison
--   where metric = '规上工业增加值' and period_kind = 'actual' and period_end = '2022-12-31'
--   order by value_rank;
-- Filter on metric and period: they are the ranking's partition keys, so the
-- filter is pushed below the window and only that metric × period's series rows
-- are read (public.fact_series, the same choice of value as reporting.metric_series).
CREATE OR REPLACE VIEW reporting.platform_comparison AS
WITH platform_series AS (
    SELECT m.name AS metric,
           fs.period_kind,
           fs.period_start,
           fs.period_end,
           p.name AS platform_name,
           p.kind AS platform_kind,
           p.district,
           f.value,
           f.unit,
           f.value_base,
           f.base_unit,
           s.source_key,
           fs.source_count
    FROM public.fact_series AS fs
    JOIN public.metrics AS m ON m.id = fs.metric_id
    JOIN public.platforms AS p ON p.id = fs.subject_id
    JOIN public.facts AS f ON f.id = fs.fact_id
    JOIN public.sources AS s ON s.id = f.source_id
    WHERE fs.subject_kind = 'platform'
),
ranked AS (
    SELECT ps.*,
           dense_rank() OVER (by_period ORDER BY value_base DESC) AS value_rank,
           count(*) OVER by_period AS platforms_compared
    FROM platform_series AS ps
    WINDOW by_period AS (PARTITION BY metric, period_kind, period_start, period_end, base_unit)
)
SELECT metric,
       period_kind,
       period_start,
       period_end,
       platform_name,
       platform_kind,
       district,
       value,
       unit,
       value_base,
       base_unit,
       CASE WHEN value_base IS NOT NULL THEN value_rank END AS value_rank,
       platforms_compared,
       source_key,
       source_count
FROM ranked;

COMMENT ON VIEW reporting.platform_comparison IS
    'One row per metric × period × platform: each platform''s value (from reporting.metric_series) beside its dense rank among all platforms reporting that metric for that period in the same base unit (1 = highest value_base).';
COMMENT ON COLUMN reporting.platform_comparison.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.platform_comparison.period_kind IS 'actual, asof, target or unknown.';
COMMENT ON COLUMN reporting.platform_comparison.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.platform_comparison.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.platform_comparison.platform_name IS 'Canonical name of the platform.';
COMMENT ON COLUMN reporting.platform_comparison.platform_kind IS 'corridor, zone, park or incubator: compare like with like.';
COMMENT ON COLUMN reporting.platform_comparison.district IS 'Administrative district or county, when known.';
COMMENT ON COLUMN reporting.platform_comparison.value IS 'The number as written in the chosen article.';
COMMENT ON COLUMN reporting.platform_comparison.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.platform_comparison.value_base IS 'The value in the base unit: what the rank compares.';
COMMENT ON COLUMN reporting.platform_comparison.base_unit IS 'Base unit of value_base; platforms are ranked only against others in the same base unit.';
COMMENT ON COLUMN reporting.platform_comparison.value_rank IS 'Dense rank by value_base, highest first, within metric × period × base unit; null when the value has no base unit.';
COMMENT ON COLUMN reporting.platform_comparison.platforms_compared IS 'How many platforms report this metric for this period in this base unit.';
COMMENT ON COLUMN reporting.platform_comparison.source_key IS 'The article the value comes from (an exact figure first, then the latest published for that period).';
COMMENT ON COLUMN reporting.platform_comparison.source_count IS 'How many articles reported this platform × metric × period.';
