-- reporting.fact_conflicts: one row per subject × metric × period whose figures
-- cannot all be true.
-- Quality control: every distinct figure stated for the period, with the articles,
-- quotes and fact_keys stating each, so an analyst can decide which to trust (and
-- reject or correct the others with parkdb review).
-- Figures are compared in the base unit (value_base) or, without one, as written in
-- the same unit; figures in different units are not compared. Undated figures
-- (period_kind unknown) are left out: they need not be about the same time.
-- Each figure is a range of values it allows: an exact figure its value, more_than
-- (超过, 破) its value and above, less_than (不到) its value and below, about (约, 近)
-- within a tenth of its value. The figures conflict when no one value lies in all of
-- their ranges: 超过100亿元 and 120亿元 agree; 120亿元 and 130亿元, or 超过100亿元 and
-- 90亿元, do not. Figures of one article that disagree are a conflict too.
-- A reprint (sources.reprint_of_id, parkdb review reprint) and its original are one
-- story: story_count counts them once; a story's figures still list both articles.
-- Filter on subject_name: only series that public.fact_series counts with several
-- values are candidates (sql/derived/fact_series.sql), and only their facts are read,
-- by the subject's (subject, metric, period_end) index (every window and grouping below
-- keeps the subject's name, so the filter is applied before them); rejected facts and
-- candidates under the confidence threshold are left out.
CREATE OR REPLACE VIEW reporting.fact_conflicts AS
WITH candidate_facts AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, fs.id AS series_id, fs.metric_id, fs.source_count AS story_count,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id, f.fact_key,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.platforms AS p
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'platform' AND fs.subject_id = p.id
     AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_platform_id = p.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
     AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'enterprise'::text, e.name, fs.id, fs.metric_id, fs.source_count,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id, f.fact_key,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.enterprises AS e
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'enterprise' AND fs.subject_id = e.id
     AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_enterprise_id = e.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
     AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'project'::text, pr.name, fs.id, fs.metric_id, fs.source_count,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id, f.fact_key,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.projects AS pr
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'project' AND fs.subject_id = pr.id
     AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_project_id = pr.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
     AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'region'::text, r.name, fs.id, fs.metric_id, fs.source_count,
           f.period_kind, f.period_start, f.period_end, f.id, f.source_id, f.fact_key,
           f.value, f.unit, f.value_base, f.base_unit, f.qualifier, f.quote
    FROM public.regions AS r
    JOIN public.fact_series AS fs
      ON fs.subject_kind = 'region' AND fs.subject_id = r.id
     AND fs.value_count > 1 AND fs.period_kind <> 'unknown'
    JOIN public.facts AS f
      ON f.subject_region_id = r.id AND f.metric_id = fs.metric_id AND f.period_end = fs.period_end
     AND f.period_kind = fs.period_kind AND f.period_start IS NOT DISTINCT FROM fs.period_start
     AND public.fact_is_shown(f.review_status, f.confidence)
),
-- Each figure with its article, its story and the range of values it allows (NULL: unbounded).
figures AS (
    SELECT cf.*,
           s.source_key,
           coalesce(s.reprint_of_id, s.id) AS story_id,
           cmp.compared_unit,
           cmp.compared_value,
           CASE cf.qualifier WHEN 'less_than' THEN NULL
                             WHEN 'about' THEN least(cmp.compared_value * 0.9, cmp.compared_value * 1.1)
                             ELSE cmp.compared_value END AS low,
           CASE cf.qualifier WHEN 'more_than' THEN NULL
                             WHEN 'about' THEN greatest(cmp.compared_value * 0.9, cmp.compared_value * 1.1)
                             ELSE cmp.compared_value END AS high
    FROM candidate_facts AS cf
    JOIN public.sources AS s ON s.id = cf.source_id
    CROSS JOIN LATERAL (SELECT coalesce(cf.base_unit, cf.unit) AS compared_unit,
                               coalesce(cf.value_base, cf.value) AS compared_value) AS cmp
),
-- Figures of a series in one unit disagree when no value lies in all their ranges (the
-- highest low above the lowest high); the same test on one article's figures alone. Every
-- window and grouping keeps the subject's name, so a filter on it reaches the facts' index.
tested AS (
    SELECT f.*,
           max(f.low) OVER in_unit > min(f.high) OVER in_unit AS unit_disagrees,
           max(f.low) OVER in_article > min(f.high) OVER in_article AS article_disagrees
    FROM figures AS f
    WINDOW in_unit AS (PARTITION BY f.subject_kind, f.subject_name, f.series_id, f.compared_unit),
           in_article AS (PARTITION BY f.subject_kind, f.subject_name, f.series_id, f.compared_unit, f.source_id)
),
-- One row per distinct figure (unit, value and qualifier).
distinct_figures AS (
    SELECT c.subject_kind,
           c.subject_name,
           c.series_id,
           c.metric_id,
           c.period_kind,
           c.period_start,
           c.period_end,
           c.compared_unit,
           c.compared_value,
           c.qualifier,
           (array_agg(c.value ORDER BY c.id))[1] AS value,
           (array_agg(c.unit ORDER BY c.id))[1] AS unit,
           array_agg(DISTINCT c.source_key) AS source_keys,
           array_agg(DISTINCT c.quote) AS quotes,
           array_agg(c.fact_key ORDER BY c.fact_key) AS fact_keys,
           bool_or(c.unit_disagrees) AS unit_disagrees,
           bool_or(c.article_disagrees) AS article_disagrees,
           max(c.story_count) AS story_count
    FROM tested AS c
    GROUP BY c.subject_kind, c.subject_name, c.series_id, c.metric_id, c.period_kind, c.period_start, c.period_end,
             c.compared_unit, c.compared_value, c.qualifier
),
conflicts AS (
    SELECT df.subject_kind,
           df.subject_name,
           m.name AS metric,
           df.period_kind,
           df.period_start,
           df.period_end,
           count(*) AS value_count,
           max(df.story_count) AS story_count,
           coalesce(bool_or(df.article_disagrees), false) AS disagree_in_one_article,
           string_agg(concat(CASE df.qualifier WHEN 'more_than' THEN '>' WHEN 'less_than' THEN '<'
                                               WHEN 'about' THEN '~' END,
                             df.value, df.unit, ' [', array_to_string(df.source_keys, ', '), ']'),
                      '; ' ORDER BY df.compared_unit, df.compared_value, df.qualifier NULLS FIRST) AS summary,
           jsonb_agg(jsonb_build_object('value', df.value, 'unit', df.unit, 'qualifier', df.qualifier,
                                        'value_base', df.compared_value, 'compared_unit', df.compared_unit,
                                        'source_keys', to_jsonb(df.source_keys), 'quotes', to_jsonb(df.quotes),
                                        'fact_keys', to_jsonb(df.fact_keys))
                     ORDER BY df.compared_unit, df.compared_value, df.qualifier NULLS FIRST) AS figures,
           -- Every article of the series: the union of its figures' articles.
           ARRAY(SELECT DISTINCT k #>> '{}' FROM jsonb_path_query(jsonb_agg(to_jsonb(df.source_keys)), '$[*][*]') AS k
                 ORDER BY 1) AS source_keys
    FROM distinct_figures AS df
    JOIN public.metrics AS m ON m.id = df.metric_id
    GROUP BY df.subject_kind, df.subject_name, df.series_id, m.name, df.period_kind, df.period_start, df.period_end
    HAVING bool_or(df.unit_disagrees)
)
SELECT subject_kind,
       subject_name,
       metric,
       period_kind,
       period_start,
       period_end,
       value_count,
       cardinality(source_keys) AS source_count,
       story_count,
       disagree_in_one_article,
       summary,
       figures,
       source_keys
FROM conflicts;

COMMENT ON VIEW reporting.fact_conflicts IS
    'One row per subject × metric × period whose figures cannot all be true, with every distinct figure and the articles, quotes and fact_keys stating it. A figure allows a range (exact: its value; more_than: above; less_than: below; about: within a tenth of it); they conflict when no value lies in every range, so 超过100亿元 and 120亿元 agree. Compared in the base unit, or as written in the same unit; undated figures excluded; disagreements inside one article included; a reprint and its original count as one story.';
COMMENT ON COLUMN reporting.fact_conflicts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.fact_conflicts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.fact_conflicts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.fact_conflicts.period_kind IS 'actual, asof or target.';
COMMENT ON COLUMN reporting.fact_conflicts.period_start IS 'First day the figures cover (null for asof).';
COMMENT ON COLUMN reporting.fact_conflicts.period_end IS 'Last day they cover, or the as-of date.';
COMMENT ON COLUMN reporting.fact_conflicts.value_count IS 'How many distinct figures (unit, value, qualifier) are stated for the period.';
COMMENT ON COLUMN reporting.fact_conflicts.source_count IS 'How many articles state a figure for the period.';
COMMENT ON COLUMN reporting.fact_conflicts.story_count IS 'How many stories: an article marked as a reprint of another counts once with it.';
COMMENT ON COLUMN reporting.fact_conflicts.disagree_in_one_article IS 'True when some article''s own figures for the period cannot all be true.';
COMMENT ON COLUMN reporting.fact_conflicts.summary IS 'The figures in one line, smallest first, each with its articles: >100亿元 [a.txt]; 90亿元 [b.txt] (> more than, < less than, ~ about).';
COMMENT ON COLUMN reporting.fact_conflicts.figures IS 'The distinct figures as a JSON array, smallest first: value and unit as written, qualifier, value_base (in the compared unit), compared_unit, and the source_keys, quotes and fact_keys stating it.';
COMMENT ON COLUMN reporting.fact_conflicts.source_keys IS 'Every article stating a figure for the period.';
