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
-- are read and paired, by series id; rejected facts and candidates are left out.
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
     AND public.fact_is_shown(f.review_status, f.confidence)
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
     AND public.fact_is_shown(f.review_status, f.confidence)
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
     AND public.fact_is_shown(f.review_status, f.confidence)
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
     AND public.fact_is_shown(f.review_status, f.confidence)
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
