"""Keep one row per subject × metric × period in public.fact_series, and read the metric views from it.

Why: reporting.metric_series ranked every fact of a subject at query time; for the
busiest platform of a 100,000-article database that is 107,357 facts for 2,396
series rows, 1.7 s (bench/RESULTS.md). public.fact_series holds the chosen fact
and the counts per series key. Triggers on facts and sources keep it equal to the
view public.fact_series_computed in the same transaction as the facts (the keys a
statement touched are recomputed, about 0.3 ms each), so nothing is ever stale and
no load step has to refresh it; public.rebuild_fact_series() recomputes it all
after a bulk COPY that bypassed triggers. metric_series, latest_metrics,
platform_comparison and fact_conflicts now read it: same columns, same rows.
Needs PostgreSQL 15 or later (UNIQUE NULLS NOT DISTINCT). Downgrade restores the
previous view definitions and drops the table, its triggers and functions.

Revision ID: 0012
Revises: 0011
Created: 2026-11-22 04:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLE_COMMENT = 'Derived, kept by triggers: one row per subject × metric × period with the fact reporting it from the latest published article (ties: lowest fact id) and how many facts, articles and distinct values report it. Rebuild with SELECT public.rebuild_fact_series().'

# sql/derived/fact_series.sql as of this revision.
FACT_SERIES = r"""
-- public.fact_series: one row per subject × metric × period, kept by triggers.
-- reporting.metric_series, latest_metrics, platform_comparison and fact_conflicts
-- read it instead of ranking every fact of a subject at query time: the busiest
-- platform of a 100,000-article database has over 100,000 facts but about 2,400
-- series rows (bench/RESULTS.md).
--
-- public.fact_series_computed is the definition: what fact_series must hold,
-- computed from facts and sources. Triggers on facts (insert, update, delete,
-- truncate) and on sources (a changed publication date) recompute the rows of
-- exactly the series keys a statement touched, in the same transaction, so the
-- table is never stale and a rolled-back article leaves it as it was.
-- public.rebuild_fact_series() recomputes everything (after a bulk COPY with
-- triggers disabled, or to repair); tests compare the table with the view.

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

COMMENT ON VIEW public.fact_series_computed IS
    'What public.fact_series must hold, computed from facts and sources: one row per subject × metric × period. Used to rebuild fact_series and to check it.';

-- Recompute the series rows of the given keys (a jsonb array of objects with
-- subject_kind, subject_id, metric_id, period_kind, period_start, period_end).
-- Plans are generic, made once per session: the kind of a key picks one branch of
-- fact_series_computed at run time, and the key is an index range on that kind's
-- facts (subject, metric, period_end); dated and undated periods have a statement
-- each, since "period_end = null" matches nothing and an OR would reach no index.
-- The transaction lock serialises writers of fact_series: a second writer waits
-- for the first to commit and then recomputes from both articles' facts.
CREATE OR REPLACE FUNCTION public.refresh_fact_series(keys jsonb) RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    k record;
BEGIN
    IF keys IS NULL OR jsonb_array_length(keys) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('public.fact_series'));
    FOR k IN
        SELECT DISTINCT *
        FROM jsonb_to_recordset(keys) AS x(subject_kind text, subject_id bigint, metric_id bigint,
                                           period_kind text, period_start date, period_end date)
    LOOP
        DELETE FROM public.fact_series AS fs
        WHERE fs.subject_kind = k.subject_kind
          AND fs.subject_id = k.subject_id
          AND fs.metric_id = k.metric_id
          AND fs.period_kind = k.period_kind
          AND fs.period_start IS NOT DISTINCT FROM k.period_start
          AND fs.period_end IS NOT DISTINCT FROM k.period_end;
        IF k.period_end IS NOT NULL THEN
            INSERT INTO public.fact_series (subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
                                            fact_id, published_on, fact_count, source_count, value_count)
            SELECT c.subject_kind, c.subject_id, c.metric_id, c.period_kind, c.period_start, c.period_end,
                   c.fact_id, c.published_on, c.fact_count, c.source_count, c.value_count
            FROM public.fact_series_computed AS c
            WHERE c.subject_kind = k.subject_kind
              AND c.subject_id = k.subject_id
              AND c.metric_id = k.metric_id
              AND c.period_end = k.period_end
              AND c.period_kind = k.period_kind
              AND c.period_start IS NOT DISTINCT FROM k.period_start;
        ELSE
            INSERT INTO public.fact_series (subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
                                            fact_id, published_on, fact_count, source_count, value_count)
            SELECT c.subject_kind, c.subject_id, c.metric_id, c.period_kind, c.period_start, c.period_end,
                   c.fact_id, c.published_on, c.fact_count, c.source_count, c.value_count
            FROM public.fact_series_computed AS c
            WHERE c.subject_kind = k.subject_kind
              AND c.subject_id = k.subject_id
              AND c.metric_id = k.metric_id
              AND c.period_end IS NULL
              AND c.period_kind = k.period_kind
              AND c.period_start IS NULL;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION public.refresh_fact_series(jsonb) IS
    'Recompute the public.fact_series rows of the given series keys from facts (called by the triggers on facts and sources).';

-- Everything from scratch: for bulk loads that bypass triggers, and for repairs.
CREATE OR REPLACE FUNCTION public.rebuild_fact_series() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    written bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('public.fact_series'));
    DELETE FROM public.fact_series;
    INSERT INTO public.fact_series (subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
                                    fact_id, published_on, fact_count, source_count, value_count)
    SELECT subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
           fact_id, published_on, fact_count, source_count, value_count
    FROM public.fact_series_computed;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

COMMENT ON FUNCTION public.rebuild_fact_series() IS
    'Recompute all of public.fact_series from facts; returns the number of series rows.';

-- The series key of a fact, as refresh_fact_series takes it.
CREATE OR REPLACE FUNCTION public.fact_series_key(f public.facts) RETURNS jsonb
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT jsonb_build_object(
        'subject_kind', f.subject_kind,
        'subject_id', coalesce(f.subject_platform_id, f.subject_enterprise_id, f.subject_project_id,
                               f.subject_region_id),
        'metric_id', f.metric_id,
        'period_kind', f.period_kind,
        'period_start', f.period_start,
        'period_end', f.period_end)
$$;

-- Refresh the series keys a statement on facts touched. Each trigger has its own
-- compiled copy of this function, so a branch naming a transition table the
-- trigger does not have is never planned.
CREATE OR REPLACE FUNCTION public.facts_refresh_fact_series() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM public.refresh_fact_series((SELECT jsonb_agg(DISTINCT public.fact_series_key(o)) FROM old_facts AS o));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.refresh_fact_series((SELECT jsonb_agg(DISTINCT public.fact_series_key(n)) FROM new_facts AS n));
    END IF;
    RETURN NULL;
END;
$$;

-- A source's publication date decides which fact each of its series shows.
CREATE OR REPLACE FUNCTION public.sources_refresh_fact_series() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM public.refresh_fact_series((SELECT jsonb_agg(DISTINCT public.fact_series_key(f))
                                        FROM public.facts AS f
                                        WHERE f.source_id = NEW.id));
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.facts_truncate_fact_series() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM public.fact_series;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER facts_inserted_refresh_fact_series
    AFTER INSERT ON public.facts REFERENCING NEW TABLE AS new_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_refresh_fact_series();
CREATE OR REPLACE TRIGGER facts_updated_refresh_fact_series
    AFTER UPDATE ON public.facts REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_refresh_fact_series();
CREATE OR REPLACE TRIGGER facts_deleted_refresh_fact_series
    AFTER DELETE ON public.facts REFERENCING OLD TABLE AS old_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_refresh_fact_series();
CREATE OR REPLACE TRIGGER facts_truncated_empty_fact_series
    AFTER TRUNCATE ON public.facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_truncate_fact_series();
CREATE OR REPLACE TRIGGER sources_dated_refresh_fact_series
    AFTER UPDATE OF published_on ON public.sources
    FOR EACH ROW WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on)
    EXECUTE FUNCTION public.sources_refresh_fact_series();
"""

DROP_FACT_SERIES = r"""
DROP TRIGGER IF EXISTS sources_dated_refresh_fact_series ON public.sources;
DROP TRIGGER IF EXISTS facts_truncated_empty_fact_series ON public.facts;
DROP TRIGGER IF EXISTS facts_deleted_refresh_fact_series ON public.facts;
DROP TRIGGER IF EXISTS facts_updated_refresh_fact_series ON public.facts;
DROP TRIGGER IF EXISTS facts_inserted_refresh_fact_series ON public.facts;
DROP FUNCTION IF EXISTS public.facts_truncate_fact_series();
DROP FUNCTION IF EXISTS public.sources_refresh_fact_series();
DROP FUNCTION IF EXISTS public.facts_refresh_fact_series();
DROP FUNCTION IF EXISTS public.fact_series_key(public.facts);
DROP FUNCTION IF EXISTS public.rebuild_fact_series();
DROP FUNCTION IF EXISTS public.refresh_fact_series(jsonb);
DROP VIEW IF EXISTS public.fact_series_computed;
"""

METRIC_SERIES = r"""
-- reporting.metric_series: one row per subject × metric × period.
-- The time series an analyst charts: for each subject, metric and period, one
-- value. When several articles report the same subject × metric × period, the
-- latest published one wins (then the lowest fact id), and source_count says how
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
COMMENT ON COLUMN reporting.latest_metrics.source_key IS 'The article the value comes from (latest published for that period).';
COMMENT ON COLUMN reporting.latest_metrics.published_on IS 'Publication date of that article.';
COMMENT ON COLUMN reporting.latest_metrics.quote IS 'The clause of that article that states the value.';
"""

PLATFORM_COMPARISON = r"""
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
COMMENT ON COLUMN reporting.platform_comparison.source_key IS 'The article the value comes from (latest published for that period).';
COMMENT ON COLUMN reporting.platform_comparison.source_count IS 'How many articles reported this platform × metric × period.';
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
-- Only series that public.fact_series counts as reported by several articles with
-- several values are candidates (sql/derived/fact_series.sql), and only their facts
-- are read and paired, by series id.
CREATE OR REPLACE VIEW reporting.fact_conflicts AS
WITH candidate_facts AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, fs.id AS series_id, fs.metric_id,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.platforms AS p
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'platform' AND fs.subject_id = p.id
     AND fs.source_count > 1 AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_platform_id = p.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
    UNION ALL
    SELECT 'enterprise'::text, e.name, fs.id, fs.metric_id,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.enterprises AS e
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'enterprise' AND fs.subject_id = e.id
     AND fs.source_count > 1 AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_enterprise_id = e.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
    UNION ALL
    SELECT 'project'::text, pr.name, fs.id, fs.metric_id,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.projects AS pr
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'project' AND fs.subject_id = pr.id
     AND fs.source_count > 1 AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_project_id = pr.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
    UNION ALL
    SELECT 'region'::text, r.name, fs.id, fs.metric_id,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.regions AS r
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'region' AND fs.subject_id = r.id
     AND fs.source_count > 1 AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_region_id = r.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
),
-- One row per article and distinct value: repeating a figure is not disagreeing with it.
source_values AS NOT MATERIALIZED (
    SELECT DISTINCT ON (subject_kind, subject_name, series_id, source_id, compared_unit, compared_value)
           cf.*,
           coalesce(cf.base_unit, cf.unit) AS compared_unit,
           coalesce(cf.value_base, cf.value) AS compared_value
    FROM candidate_facts AS cf
    ORDER BY subject_kind, subject_name, series_id, source_id, compared_unit, compared_value, cf.id
),
conflicting_pairs AS (
    SELECT a.subject_kind,
           a.subject_name,
           a.metric_id,
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
     AND b.series_id = a.series_id
     AND b.compared_unit = a.compared_unit
     AND b.source_id > a.source_id
     AND b.compared_value <> a.compared_value
)
SELECT cp.subject_kind,
       cp.subject_name,
       m.name AS metric,
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
JOIN public.metrics AS m ON m.id = cp.metric_id
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

# As it stood at revision 0011; downgrade restores it.
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

# As it stood at revision 0011; downgrade restores it.
PREVIOUS_LATEST_METRICS = r"""
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

# As it stood at revision 0011; downgrade restores it.
PREVIOUS_PLATFORM_COMPARISON = r"""
-- reporting.platform_comparison: one row per metric × period × platform.
-- Platforms side by side on one metric and period, ranked by value:
-- "which zone had the highest 规上工业增加值 in 2022?"
--   select * from reporting.platform_comparison
--   where metric = '规上工业增加值' and period_kind = 'actual' and period_end = '2022-12-31'
--   order by value_rank;
-- Filter on metric and period: they are the ranking's partition keys, so the
-- filter is pushed below the window and only that metric's facts are read.
CREATE OR REPLACE VIEW reporting.platform_comparison AS
WITH platform_series AS (
    SELECT ms.metric,
           ms.period_kind,
           ms.period_start,
           ms.period_end,
           ms.subject_name AS platform_name,
           p.kind AS platform_kind,
           p.district,
           ms.value,
           ms.unit,
           ms.value_base,
           ms.base_unit,
           ms.source_key,
           ms.source_count
    FROM reporting.metric_series AS ms
    JOIN public.platforms AS p ON p.name = ms.subject_name
    WHERE ms.subject_kind = 'platform'
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
COMMENT ON COLUMN reporting.platform_comparison.source_key IS 'The article the value comes from (latest published for that period).';
COMMENT ON COLUMN reporting.platform_comparison.source_count IS 'How many articles reported this platform × metric × period.';
"""

# As it stood at revision 0011; downgrade restores it.
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


def upgrade() -> None:
    version = op.get_bind().dialect.server_version_info
    if version < (15,):
        raise RuntimeError(f"parkdb needs PostgreSQL 15 or later (UNIQUE NULLS NOT DISTINCT, revision 0012);"
                           f" this server is {'.'.join(map(str, version))}")
    op.create_table(
        "fact_series",
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False, comment='Surrogate key of the series row.'),
        sa.Column('subject_kind', sa.Text(), nullable=False, comment='platform, enterprise, project or region.'),
        sa.Column('subject_id', sa.BigInteger(), nullable=False, comment='The id in the table subject_kind names (facts.subject_*_id).'),
        sa.Column('metric_id', sa.BigInteger(), nullable=False, comment='The canonical metric.'),
        sa.Column('period_kind', sa.Text(), nullable=False, comment='As facts.period_kind.'),
        sa.Column('period_start', sa.Date(), nullable=True, comment='As facts.period_start.'),
        sa.Column('period_end', sa.Date(), nullable=True, comment='As facts.period_end.'),
        sa.Column('fact_id', sa.BigInteger(), nullable=False, comment='The fact shown: from the latest published article reporting this period (ties: lowest id).'),
        sa.Column('published_on', sa.Date(), nullable=True, comment="Publication date of that fact's article."),
        sa.Column('fact_count', sa.BigInteger(), nullable=False, comment='Facts reporting this period.'),
        sa.Column('source_count', sa.BigInteger(), nullable=False, comment='Distinct articles reporting this period.'),
        sa.Column('value_count', sa.BigInteger(), nullable=False, comment='Distinct values reported (compared in the base unit, else as written with the unit); more than one across several articles is a candidate conflict.'),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fact_series")),
        comment=TABLE_COMMENT,
    )
    op.create_index("uq_fact_series_key", "fact_series",
                    ["subject_kind", "subject_id", "metric_id", "period_kind", "period_start", "period_end"],
                    unique=True, postgresql_nulls_not_distinct=True)
    op.create_index(op.f("ix_fact_series_metric_id_subject_kind_period_kind_period_end"), "fact_series",
                    ["metric_id", "subject_kind", "period_kind", "period_end"])
    op.execute(FACT_SERIES)
    op.execute("SELECT public.rebuild_fact_series()")
    op.execute(METRIC_SERIES)
    op.execute(LATEST_METRICS)
    op.execute(PLATFORM_COMPARISON)
    op.execute(FACT_CONFLICTS)


def downgrade() -> None:
    op.execute(PREVIOUS_FACT_CONFLICTS)
    op.execute(PREVIOUS_PLATFORM_COMPARISON)
    op.execute(PREVIOUS_LATEST_METRICS)
    op.execute(PREVIOUS_METRIC_SERIES)
    op.execute(DROP_FACT_SERIES)
    op.drop_index(op.f("ix_fact_series_metric_id_subject_kind_period_kind_period_end"), table_name="fact_series")
    op.drop_index("uq_fact_series_key", table_name="fact_series")
    op.drop_table("fact_series")
