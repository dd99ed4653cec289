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
