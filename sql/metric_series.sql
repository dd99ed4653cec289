-- reporting.metric_series: one row per subject × metric × period.
-- The time series an analyst charts: for each subject, metric and period, one
-- value. When several facts report the same subject × metric × period, an exact
-- figure wins over a bound or approximation (超过100亿, 近百家), then the latest
-- published article (then the lowest fact id), and source_count says how
-- many articles reported it (see reporting.fact_conflicts for disagreements).
-- The choice and the counts are kept per series key in public.fact_series
-- (sql/derived/fact_series.sql), so a subject's series is one index range there
-- plus one facts and one sources lookup per row, however many facts it has.
-- Filter on subject_name and/or metric: each branch starts from that kind's
-- unique name index.
CREATE OR REPLACE VIEW reporting.metric_series AS
WITH named_series AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, fs.metric_id, fs.period_kind,
           fs.period_start, fs.period_end, fs.fact_id, fs.source_count
    FROM public.platforms AS p
    JOIN public.fact_series AS fs ON fs.subject_kind = 'platform' AND fs.subject_id = p.id
    UNION ALL
    SELECT 'enterprise'::text, e.name, fs.metric_id, fs.period_kind,
           fs.period_start, fs.period_end, fs.fact_id, fs.source_count
    FROM public.enterprises AS e
    JOIN public.fact_series AS fs ON fs.subject_kind = 'enterprise' AND fs.subject_id = e.id
    UNION ALL
    SELECT 'project'::text, pr.name, fs.metric_id, fs.period_kind,
           fs.period_start, fs.period_end, fs.fact_id, fs.source_count
    FROM public.projects AS pr
    JOIN public.fact_series AS fs ON fs.subject_kind = 'project' AND fs.subject_id = pr.id
    UNION ALL
    SELECT 'region'::text, r.name, fs.metric_id, fs.period_kind,
           fs.period_start, fs.period_end, fs.fact_id, fs.source_count
    FROM public.regions AS r
    JOIN public.fact_series AS fs ON fs.subject_kind = 'region' AND fs.subject_id = r.id
)
SELECT ns.subject_kind,
       ns.subject_name,
       m.name AS metric,
       ns.period_kind,
       ns.period_start,
       ns.period_end,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       s.source_key,
       s.published_on,
       f.quote,
       ns.source_count
FROM named_series AS ns
JOIN public.metrics AS m ON m.id = ns.metric_id
JOIN public.facts AS f ON f.id = ns.fact_id
JOIN public.sources AS s ON s.id = f.source_id;

COMMENT ON VIEW reporting.metric_series IS
    'One row per subject × metric × period (period_kind, period_start, period_end): the value of an exact figure before a bound or approximation, then from the latest published article reporting it (ties: lowest fact id), with that article''s quote, and how many articles reported it.';
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
COMMENT ON COLUMN reporting.metric_series.source_key IS 'The chosen article: the one with an exact figure before one with a bound, then the latest published among those reporting this subject × metric × period.';
COMMENT ON COLUMN reporting.metric_series.published_on IS 'Publication date of the chosen article.';
COMMENT ON COLUMN reporting.metric_series.quote IS 'The clause of the chosen article that states the value.';
COMMENT ON COLUMN reporting.metric_series.source_count IS 'How many articles reported this subject × metric × period (1 = a single source); an article marked as a reprint of another counts once with it.';
