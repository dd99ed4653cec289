"""Show each conflicting subject × metric × period once, with all its figures; count a reprint once.

Why: issue 11. reporting.fact_conflicts had one row per pair of disagreeing articles:
a bound and an exact value that agree (超过100亿元 and 120亿元) were a conflict, figures
of one article that disagree were not, and a story reprinted by three outlets made
three pairs. It now has one row per subject × metric × period whose figures cannot all
be true (each figure a range of values; no value in every range), with the distinct
figures and the articles, quotes and fact_keys stating each. sources gain reprint_of_id
(an analyst's judgement, issue 12): a reprint and its original are one story, so
public.fact_series counts them once (source_count) and a trigger refreshes the series
of an article marked or unmarked as a reprint; reporting.sources shows reprint_of.
Downgrade restores the pairwise view and the previous definitions.

Revision ID: 0026_review_conflicts_by_series
Revises: 0025_review_entity_articles
Created: 2026-12-08 02:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0026_review_conflicts_by_series"
down_revision = "0025_review_entity_articles"
branch_labels = None
depends_on = None

FACT_SERIES_COMPUTED = r"""
CREATE OR REPLACE VIEW public.fact_series_computed AS
WITH keyed_facts AS (
    -- One branch per subject kind, so a filter on subject_id reaches that kind's
    -- (subject, metric, period_end) index on facts.
    SELECT 'platform'::text AS subject_kind, f.subject_platform_id AS subject_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_platform_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'enterprise'::text, f.subject_enterprise_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_enterprise_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'project'::text, f.subject_project_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_project_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'region'::text, f.subject_region_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_region_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
)
SELECT kf.subject_kind,
       kf.subject_id,
       kf.metric_id,
       kf.period_kind,
       kf.period_start,
       kf.period_end,
       -- An exact figure before a bound or an approximation (超过, 近, 约: qualifier set), then
       -- the latest published article, then the fact stored first.
       (array_agg(kf.id ORDER BY kf.qualifier IS NOT NULL, s.published_on DESC NULLS LAST, kf.id))[1] AS fact_id,
       max(s.published_on) AS published_on,
       count(*) AS fact_count,
       -- A reprint and its original are one story: counted once (sources.reprint_of_id).
       count(DISTINCT coalesce(s.reprint_of_id, kf.source_id)) AS source_count,
       count(DISTINCT (coalesce(kf.base_unit, kf.unit), coalesce(kf.value_base, kf.value))) AS value_count
FROM keyed_facts AS kf
JOIN public.sources AS s ON s.id = kf.source_id
GROUP BY kf.subject_kind, kf.subject_id, kf.metric_id, kf.period_kind, kf.period_start, kf.period_end;

COMMENT ON VIEW public.fact_series_computed IS
    'What public.fact_series must hold, computed from facts and sources: one row per subject × metric × period. Used to rebuild fact_series and to check it.';
"""

REPRINT_TRIGGER = r"""
CREATE OR REPLACE TRIGGER sources_reprinted_refresh_fact_series
    AFTER UPDATE OF reprint_of_id ON public.sources
    FOR EACH ROW WHEN (OLD.reprint_of_id IS DISTINCT FROM NEW.reprint_of_id)
    EXECUTE FUNCTION public.sources_refresh_fact_series();
"""

FACT_CONFLICTS = r"""
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
"""

SOURCES = r"""
-- reporting.sources: one row per article.
-- What was loaded and what came out of it: headline, URL, publisher, date (with how
-- precise it is and where it comes from), the article's text (every char_start and
-- char_end of the other views points into it), how many distinct entities and facts
-- were extracted (facts: those reporting.facts shows), by which extractor, and the load
-- run that last wrote it, and the article it reprints when an analyst said so.
-- Filter on source_key or published_on; the counts are LATERAL lookups.
CREATE OR REPLACE VIEW reporting.sources AS
WITH extraction_counts AS (
    SELECT s.id AS source_id,
           mentions.entity_count,
           mentions.mention_count,
           facts.fact_count
    FROM public.sources AS s
    LEFT JOIN LATERAL (
        SELECT count(DISTINCT em.platform_id) + count(DISTINCT em.enterprise_id)
               + count(DISTINCT em.project_id) + count(DISTINCT em.institution_id) AS entity_count,
               count(*) AS mention_count
        FROM public.entity_mentions AS em
        WHERE em.source_id = s.id
    ) AS mentions ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS fact_count
        FROM public.facts AS f
        WHERE f.source_id = s.id
          AND public.fact_is_shown(f.review_status, f.confidence)
    ) AS facts ON true
)
SELECT s.source_key,
       s.title AS source_title,
       s.url AS source_url,
       s.publisher,
       s.published_on,
       s.published_precision,
       s.published_basis,
       ec.entity_count,
       ec.mention_count,
       ec.fact_count,
       s.extractor_version,
       s.load_run_id,
       s.last_loaded_at,
       s.text AS source_text,
       original.source_key AS reprint_of
FROM public.sources AS s
JOIN extraction_counts AS ec ON ec.source_id = s.id
LEFT JOIN public.sources AS original ON original.id = s.reprint_of_id;

COMMENT ON VIEW reporting.sources IS
    'One row per article: headline, URL, publisher, publication date with its precision and basis, counts of distinct entities, mentions and facts extracted, the extractor version, the load run that last wrote it, the article''s text, and the article it reprints (reprint_of) when an analyst said so.';
COMMENT ON COLUMN reporting.sources.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.sources.source_title IS 'Headline (the same column as reporting.facts.source_title).';
COMMENT ON COLUMN reporting.sources.source_url IS 'URL of the article, when the file, its page or the manifest gives one.';
COMMENT ON COLUMN reporting.sources.publisher IS 'Publishing outlet, when known.';
COMMENT ON COLUMN reporting.sources.published_on IS 'Publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.sources.published_precision IS 'How precise published_on is: day, month or year.';
COMMENT ON COLUMN reporting.sources.published_basis IS 'Where published_on comes from: manifest, explicit (printed in the article) or inferred.';
COMMENT ON COLUMN reporting.sources.entity_count IS 'Distinct platforms, enterprises, projects and institutions the article mentions.';
COMMENT ON COLUMN reporting.sources.mention_count IS 'Entity mentions extracted from the article.';
COMMENT ON COLUMN reporting.sources.fact_count IS 'Facts of the article that reporting.facts shows (not rejected, not candidates).';
COMMENT ON COLUMN reporting.sources.extractor_version IS 'Extractor version that produced its facts and mentions.';
COMMENT ON COLUMN reporting.sources.load_run_id IS 'The load run that last wrote it (see reporting.load_runs).';
COMMENT ON COLUMN reporting.sources.last_loaded_at IS 'When its extraction was last written.';
COMMENT ON COLUMN reporting.sources.source_text IS 'The stored (cleaned) article text; char_start/char_end of every view are offsets into it (substr(source_text, char_start + 1, char_end - char_start)).';
COMMENT ON COLUMN reporting.sources.reprint_of IS 'The article this one reprints (source_key), as an analyst judged it (parkdb review reprint): the two are one story, whose figures count once; NULL otherwise.';
"""

METRIC_SERIES_COMMENT = r"""
COMMENT ON COLUMN reporting.metric_series.source_count IS 'How many articles reported this subject × metric × period (1 = a single source); an article marked as a reprint of another counts once with it.';
"""

# As revisions 0024 and 0025 left them; downgrade restores them.
PREVIOUS_FACT_SERIES_COMPUTED = r"""
CREATE OR REPLACE VIEW public.fact_series_computed AS
WITH keyed_facts AS (
    -- One branch per subject kind, so a filter on subject_id reaches that kind's
    -- (subject, metric, period_end) index on facts.
    SELECT 'platform'::text AS subject_kind, f.subject_platform_id AS subject_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_platform_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'enterprise'::text, f.subject_enterprise_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_enterprise_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'project'::text, f.subject_project_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_project_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'region'::text, f.subject_region_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_region_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
)
SELECT kf.subject_kind,
       kf.subject_id,
       kf.metric_id,
       kf.period_kind,
       kf.period_start,
       kf.period_end,
       -- An exact figure before a bound or an approximation (超过, 近, 约: qualifier set), then
       -- the latest published article, then the fact stored first.
       (array_agg(kf.id ORDER BY kf.qualifier IS NOT NULL, s.published_on DESC NULLS LAST, kf.id))[1] AS fact_id,
       max(s.published_on) AS published_on,
       count(*) AS fact_count,
       count(DISTINCT kf.source_id) AS source_count,
       count(DISTINCT (coalesce(kf.base_unit, kf.unit), coalesce(kf.value_base, kf.value))) AS value_count
FROM keyed_facts AS kf
JOIN public.sources AS s ON s.id = kf.source_id
GROUP BY kf.subject_kind, kf.subject_id, kf.metric_id, kf.period_kind, kf.period_start, kf.period_end;

COMMENT ON VIEW public.fact_series_computed IS
    'What public.fact_series must hold, computed from facts and sources: one row per subject × metric × period. Used to rebuild fact_series and to check it.';
"""

PREVIOUS_FACT_CONFLICTS = r"""
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
"""

PREVIOUS_SOURCES = r"""
-- reporting.sources: one row per article.
-- What was loaded and what came out of it: headline, URL, publisher, date (with how
-- precise it is and where it comes from), the article's text (every char_start and
-- char_end of the other views points into it), how many distinct entities and facts
-- were extracted (facts: those reporting.facts shows), by which extractor, and the load
-- run that last wrote it.
-- Filter on source_key or published_on; the counts are LATERAL lookups.
CREATE OR REPLACE VIEW reporting.sources AS
WITH extraction_counts AS (
    SELECT s.id AS source_id,
           mentions.entity_count,
           mentions.mention_count,
           facts.fact_count
    FROM public.sources AS s
    LEFT JOIN LATERAL (
        SELECT count(DISTINCT em.platform_id) + count(DISTINCT em.enterprise_id)
               + count(DISTINCT em.project_id) + count(DISTINCT em.institution_id) AS entity_count,
               count(*) AS mention_count
        FROM public.entity_mentions AS em
        WHERE em.source_id = s.id
    ) AS mentions ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS fact_count
        FROM public.facts AS f
        WHERE f.source_id = s.id
          AND public.fact_is_shown(f.review_status, f.confidence)
    ) AS facts ON true
)
SELECT s.source_key,
       s.title AS source_title,
       s.url AS source_url,
       s.publisher,
       s.published_on,
       s.published_precision,
       s.published_basis,
       ec.entity_count,
       ec.mention_count,
       ec.fact_count,
       s.extractor_version,
       s.load_run_id,
       s.last_loaded_at,
       s.text AS source_text
FROM public.sources AS s
JOIN extraction_counts AS ec ON ec.source_id = s.id;

COMMENT ON VIEW reporting.sources IS
    'One row per article: headline, URL, publisher, publication date with its precision and basis, counts of distinct entities, mentions and facts extracted, the extractor version, the load run that last wrote it, and the article''s text.';
COMMENT ON COLUMN reporting.sources.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.sources.source_title IS 'Headline (the same column as reporting.facts.source_title).';
COMMENT ON COLUMN reporting.sources.source_url IS 'URL of the article, when the file, its page or the manifest gives one.';
COMMENT ON COLUMN reporting.sources.publisher IS 'Publishing outlet, when known.';
COMMENT ON COLUMN reporting.sources.published_on IS 'Publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.sources.published_precision IS 'How precise published_on is: day, month or year.';
COMMENT ON COLUMN reporting.sources.published_basis IS 'Where published_on comes from: manifest, explicit (printed in the article) or inferred.';
COMMENT ON COLUMN reporting.sources.entity_count IS 'Distinct platforms, enterprises, projects and institutions the article mentions.';
COMMENT ON COLUMN reporting.sources.mention_count IS 'Entity mentions extracted from the article.';
COMMENT ON COLUMN reporting.sources.fact_count IS 'Facts of the article that reporting.facts shows (not rejected, not candidates).';
COMMENT ON COLUMN reporting.sources.extractor_version IS 'Extractor version that produced its facts and mentions.';
COMMENT ON COLUMN reporting.sources.load_run_id IS 'The load run that last wrote it (see reporting.load_runs).';
COMMENT ON COLUMN reporting.sources.last_loaded_at IS 'When its extraction was last written.';
COMMENT ON COLUMN reporting.sources.source_text IS 'The stored (cleaned) article text; char_start/char_end of every view are offsets into it (substr(source_text, char_start + 1, char_end - char_start)).';
"""

PREVIOUS_METRIC_SERIES_COMMENT = r"""
COMMENT ON COLUMN reporting.metric_series.source_count IS 'How many articles reported this subject × metric × period (1 = a single source).';
"""


def upgrade() -> None:
    op.add_column("sources", sa.Column(
        "reprint_of_id", sa.BigInteger(), nullable=True,
        comment="The article this one reprints (the same story), as an analyst judged it (parkdb review reprint); "
                "its figures then count once. Written by review.apply_article_judgements, never by the loader."))
    op.create_foreign_key(op.f("fk_sources_reprint_of_id_sources"), "sources", "sources", ["reprint_of_id"], ["id"],
                          ondelete="SET NULL")
    op.create_index(op.f("ix_sources_reprint_of_id"), "sources", ["reprint_of_id"])
    op.create_check_constraint(op.f("ck_sources_not_own_reprint"), "sources", "reprint_of_id <> id")
    op.execute(FACT_SERIES_COMPUTED)
    op.execute(REPRINT_TRIGGER)
    op.execute("DROP VIEW reporting.fact_conflicts")
    op.execute(FACT_CONFLICTS)
    op.execute(SOURCES)
    op.execute(METRIC_SERIES_COMMENT)
    op.alter_column("fact_series", "source_count", existing_type=sa.BigInteger(), existing_nullable=False,
                    comment="Distinct stories reporting this period: articles, a reprint counted once with the "
                            "article it reprints (sources.reprint_of_id).",
                    existing_comment="Distinct articles reporting this period.")
    op.execute("SELECT public.rebuild_fact_series()")


def downgrade() -> None:
    op.execute("DROP TRIGGER sources_reprinted_refresh_fact_series ON public.sources")
    op.execute(PREVIOUS_FACT_SERIES_COMPUTED)
    op.execute("DROP VIEW reporting.fact_conflicts")
    op.execute(PREVIOUS_FACT_CONFLICTS)
    op.execute("DROP VIEW reporting.sources")
    op.execute(PREVIOUS_SOURCES)
    op.execute(PREVIOUS_METRIC_SERIES_COMMENT)
    op.alter_column("fact_series", "source_count", existing_type=sa.BigInteger(), existing_nullable=False,
                    comment="Distinct articles reporting this period.")
    op.drop_column("sources", "reprint_of_id")
    op.execute("SELECT public.rebuild_fact_series()")
