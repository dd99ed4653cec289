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
