"""Show the judged state in the reporting views: fact_key, review_status, confidence; candidates apart.

Why: issue 12 and CONTRACT.md. reporting.facts gains fact_key, review_status and
confidence and leaves out rejected facts and candidates (confidence under
public.fact_confidence_threshold()), which review.facts and the new
reporting.fact_candidates show; reporting.entity_mentions gains entity_key;
public.fact_series (and so metric_series, latest_metrics, platform_comparison),
reporting.fact_conflicts and reporting.sources' fact_count count only the facts shown;
reporting.orphaned_judgements lists judgements whose anchor is gone. The facts update
trigger of fact_series now refreshes only the series whose key, value, qualifier or
visibility an update changed, so a confirmation costs no series work. Downgrade restores the definitions before it.

Revision ID: 0024_review_views
Revises: 0023_review_judgements
Created: 2026-12-08 00:40:00
"""
from __future__ import annotations

from alembic import op

revision = "0024_review_views"
down_revision = "0023_review_judgements"
branch_labels = None
depends_on = None

REVIEW_FACTS = r"""
-- review.facts: one row per fact in public.facts, shown or not (rejected, candidates).
-- What the analysts' judgements made of every fact: the contract columns of
-- reporting.facts plus the extractor's reasons and whether the reporting views show
-- it. reporting.facts and reporting.fact_candidates read it; a rejected fact stays
-- visible here. Filter on source_key, subject_name or fact_key.
CREATE OR REPLACE VIEW review.facts AS
WITH fact_subjects AS (
    -- One branch per subject kind, so a filter on subject_name reaches that kind's name index.
    SELECT p.name AS subject_name, f.*
    FROM public.platforms AS p
    JOIN public.facts AS f ON f.subject_platform_id = p.id
    UNION ALL
    SELECT e.name, f.*
    FROM public.enterprises AS e
    JOIN public.facts AS f ON f.subject_enterprise_id = e.id
    UNION ALL
    SELECT pr.name, f.*
    FROM public.projects AS pr
    JOIN public.facts AS f ON f.subject_project_id = pr.id
    UNION ALL
    SELECT r.name, f.*
    FROM public.regions AS r
    JOIN public.facts AS f ON f.subject_region_id = r.id
)
SELECT s.source_key,
       s.title AS source_title,
       s.published_on,
       f.subject_kind,
       f.subject_name,
       m.name AS metric,
       f.metric_text,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       f.period_kind,
       f.period_start,
       f.period_end,
       f.quote,
       f.char_start,
       f.char_end,
       f.fact_key,
       f.review_status,
       CASE WHEN f.review_status IN ('confirmed', 'added') THEN 1 ELSE f.confidence END AS confidence,
       f.reasons,
       f.period_expr,
       public.fact_is_shown(f.review_status, f.confidence) AS is_shown,
       f.extractor_version
FROM fact_subjects AS f
JOIN public.sources AS s ON s.id = f.source_id
JOIN public.metrics AS m ON m.id = f.metric_id;

COMMENT ON VIEW review.facts IS
    'One row per fact, shown or not: the columns of reporting.facts plus the extractor''s reasons, whether the reporting views show it (is_shown) and the extractor version. Rejected facts and candidates stay visible here.';
COMMENT ON COLUMN review.facts.review_status IS 'extracted, confirmed, corrected, added or rejected (by an analyst''s judgement).';
COMMENT ON COLUMN review.facts.confidence IS 'The extractor''s confidence, 0 to 1 (1 for figures added or confirmed by an analyst).';
COMMENT ON COLUMN review.facts.reasons IS 'What lowered the extractor''s confidence.';
COMMENT ON COLUMN review.facts.is_shown IS 'True when reporting.facts shows it (public.fact_is_shown).';
"""

FACTS = r"""
-- reporting.facts: one row per stored quantitative fact the analysts' judgements
-- leave standing (CONTRACT.md).
-- The analyst's main table: who (subject), what (metric), how much (value, unit,
-- value_base), when (period), and where it was said (source, quote, span), with the
-- fact's stable key and what review made of it. Rejected facts and candidates
-- (confidence under public.fact_confidence_threshold()) are left out: review.facts
-- and reporting.fact_candidates show them.
CREATE OR REPLACE VIEW reporting.facts AS
SELECT source_key,
       source_title,
       published_on,
       subject_kind,
       subject_name,
       metric,
       metric_text,
       value,
       unit,
       value_base,
       base_unit,
       qualifier,
       period_kind,
       period_start,
       period_end,
       quote,
       char_start,
       char_end,
       fact_key,
       review_status,
       confidence
FROM review.facts
WHERE is_shown;

COMMENT ON VIEW reporting.facts IS
    'One row per stored quantitative fact (rejected ones and low-confidence candidates left out): subject, metric, value as written and in base unit, qualifier, period, the quote with its span in the article, the fact''s stable key and its review status (CONTRACT.md).';
COMMENT ON COLUMN reporting.facts.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.facts.source_title IS 'Headline of the article.';
COMMENT ON COLUMN reporting.facts.published_on IS 'Publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.facts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.facts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.facts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.facts.metric_text IS 'The metric phrase as written in the article.';
COMMENT ON COLUMN reporting.facts.value IS 'The number as written (113.8); negative for a fall.';
COMMENT ON COLUMN reporting.facts.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.facts.value_base IS 'The value in the base unit (11380000000).';
COMMENT ON COLUMN reporting.facts.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.facts.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.facts.period_kind IS 'actual, asof, target or unknown.';
COMMENT ON COLUMN reporting.facts.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.facts.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.facts.quote IS 'The clause of the article that states it.';
COMMENT ON COLUMN reporting.facts.char_start IS 'Start of the quote in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.facts.char_end IS 'End of the quote in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.facts.fact_key IS 'The fact''s stable identity: survives reloads and extractor versions while its passage survives (what parkdb review takes).';
COMMENT ON COLUMN reporting.facts.review_status IS 'extracted, confirmed, corrected or added (by an analyst''s judgement, review.judgements).';
COMMENT ON COLUMN reporting.facts.confidence IS 'The extractor''s confidence, 0 to 1 (1 for figures added or confirmed by an analyst).';
"""

FACT_CANDIDATES = r"""
-- reporting.fact_candidates: one row per fact the extractor was not sure of.
-- Facts under public.fact_confidence_threshold() that no analyst has confirmed,
-- corrected or rejected: kept out of reporting.facts and the series, listed here
-- with the reasons, for review (parkdb review confirm FACT_KEY, or reject).
CREATE OR REPLACE VIEW reporting.fact_candidates AS
SELECT source_key,
       source_title,
       published_on,
       subject_kind,
       subject_name,
       metric,
       metric_text,
       value,
       unit,
       value_base,
       base_unit,
       qualifier,
       period_kind,
       period_start,
       period_end,
       quote,
       char_start,
       char_end,
       fact_key,
       review_status,
       confidence,
       reasons
FROM review.facts
WHERE NOT is_shown
  AND review_status <> 'rejected';

COMMENT ON VIEW reporting.fact_candidates IS
    'One row per fact under the confidence threshold (public.fact_confidence_threshold()) that no analyst has judged: the columns of reporting.facts plus the reasons; confirm or reject them with parkdb review.';
COMMENT ON COLUMN reporting.fact_candidates.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.fact_candidates.source_title IS 'Headline of the article.';
COMMENT ON COLUMN reporting.fact_candidates.published_on IS 'Publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.fact_candidates.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.fact_candidates.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.fact_candidates.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.fact_candidates.metric_text IS 'The metric phrase as written in the article.';
COMMENT ON COLUMN reporting.fact_candidates.value IS 'The number as written (113.8); negative for a fall.';
COMMENT ON COLUMN reporting.fact_candidates.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.fact_candidates.value_base IS 'The value in the base unit (11380000000).';
COMMENT ON COLUMN reporting.fact_candidates.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.fact_candidates.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.fact_candidates.period_kind IS 'actual, asof, target or unknown.';
COMMENT ON COLUMN reporting.fact_candidates.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.fact_candidates.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.fact_candidates.quote IS 'The clause of the article that states it.';
COMMENT ON COLUMN reporting.fact_candidates.char_start IS 'Start of the quote in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.fact_candidates.char_end IS 'End of the quote in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.fact_candidates.fact_key IS 'The fact''s stable identity: survives reloads and extractor versions while its passage survives (what parkdb review takes).';
COMMENT ON COLUMN reporting.fact_candidates.review_status IS 'extracted, confirmed, corrected or added (by an analyst''s judgement, review.judgements).';
COMMENT ON COLUMN reporting.fact_candidates.confidence IS 'The extractor''s confidence, 0 to 1 (1 for figures added or confirmed by an analyst).';
COMMENT ON COLUMN reporting.fact_candidates.reasons IS 'What lowered the extractor''s confidence.';
"""

ENTITY_MENTIONS = r"""
-- reporting.entity_mentions: one row per entity mention in an article (CONTRACT.md).
-- Use it to find every article naming a platform or company, and the form it used.
CREATE OR REPLACE VIEW reporting.entity_mentions AS
WITH named_mentions AS (
    -- One branch per entity kind, so a filter on entity_name reaches that kind's name index.
    SELECT p.name AS entity_name, p.entity_key, em.*
    FROM public.platforms AS p
    JOIN public.entity_mentions AS em ON em.platform_id = p.id
    UNION ALL
    SELECT e.name, e.entity_key, em.*
    FROM public.enterprises AS e
    JOIN public.entity_mentions AS em ON em.enterprise_id = e.id
    UNION ALL
    SELECT pr.name, pr.entity_key, em.*
    FROM public.projects AS pr
    JOIN public.entity_mentions AS em ON em.project_id = pr.id
    UNION ALL
    SELECT i.name, i.entity_key, em.*
    FROM public.institutions AS i
    JOIN public.entity_mentions AS em ON em.institution_id = i.id
)
SELECT s.source_key,
       em.entity_kind,
       em.entity_name,
       em.surface,
       em.char_start,
       em.char_end,
       em.entity_key
FROM named_mentions AS em
JOIN public.sources AS s ON s.id = em.source_id;

COMMENT ON VIEW reporting.entity_mentions IS
    'One row per mention of a platform, enterprise, project or institution in an article, with the canonical name, the form written and its span (CONTRACT.md).';
COMMENT ON COLUMN reporting.entity_mentions.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.entity_mentions.entity_kind IS 'platform, enterprise, project or institution.';
COMMENT ON COLUMN reporting.entity_mentions.entity_name IS 'Canonical name of the entity.';
COMMENT ON COLUMN reporting.entity_mentions.surface IS 'The form written in the article.';
COMMENT ON COLUMN reporting.entity_mentions.char_start IS 'Start of the surface in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.entity_mentions.char_end IS 'End of the surface in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.entity_mentions.entity_key IS 'The entity''s stable identity (survives reloads and renames; a merged entity''s mentions show the surviving key).';
"""

ORPHANED_JUDGEMENTS = r"""
-- reporting.orphaned_judgements: one row per analyst's judgement that no longer
-- finds what it was made on.
-- A judgement is never silently dropped: when its article is gone, its fact is no
-- longer extracted (the quote or the figure changed), an added fact's quote is no
-- longer in the article, a change no longer fits the fact as extracted, or its
-- entity no longer exists, it is listed here (and
-- counted by parkdb status) until someone undoes it or records it again.
CREATE OR REPLACE VIEW reporting.orphaned_judgements AS
WITH active AS (
    SELECT j.*,
           s.id AS source_id,
           s.text AS body
    FROM review.judgements AS j
    LEFT JOIN public.sources AS s ON s.source_key = j.source_key
    WHERE j.undone_at IS NULL
),
checked AS (
    SELECT a.*,
           CASE
               WHEN a.action IN ('reject', 'confirm', 'set', 'add', 'source_set') AND a.source_id IS NULL
                   THEN 'the article is no longer stored'
               WHEN a.action = 'add' AND review.find_quote(a.body, a.anchor) IS NULL
                   THEN 'the quote is no longer in the article'
               WHEN a.action IN ('reject', 'confirm', 'set')
                    AND NOT EXISTS (SELECT 1 FROM public.facts AS f
                                    WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key)
                   THEN 'the fact is no longer extracted from the article (its quote or figure changed)'
               WHEN a.action = 'set'
                    AND EXISTS (SELECT 1 FROM public.facts AS f
                                WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key
                                  AND f.review_status IN ('extracted', 'confirmed'))
                   THEN 'the change no longer fits the fact as extracted (its subject or metric is gone, or its period kind changed)'
               WHEN a.action = 'add'
                    AND NOT EXISTS (SELECT 1 FROM public.facts AS f
                                    WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key)
                   THEN 'the added fact''s subject or metric no longer exists'
               WHEN a.action IN ('merge', 'rename', 'alias_add', 'alias_drop', 'entity_set')
                    AND review.entity_id(a.entity_kind, a.entity_key) IS NULL
                   THEN 'the entity no longer exists'
           END AS problem
    FROM active AS a
)
SELECT id AS judgement_id,
       action,
       source_key,
       fact_key,
       entity_key,
       anchor ->> 'exact' AS quote,
       problem,
       why,
       made_by,
       made_at
FROM checked
WHERE problem IS NOT NULL;

COMMENT ON VIEW reporting.orphaned_judgements IS
    'One row per active analyst''s judgement whose anchor can no longer be found (article gone, fact no longer extracted, quote no longer in the article, entity gone): never silently dropped; undo it or record it again.';
COMMENT ON COLUMN reporting.orphaned_judgements.judgement_id IS 'The judgement (review.judgements.id; parkdb review undo takes it).';
COMMENT ON COLUMN reporting.orphaned_judgements.action IS 'reject, confirm, set, add, source_set, merge, rename, alias_add, alias_drop or entity_set.';
COMMENT ON COLUMN reporting.orphaned_judgements.source_key IS 'The article it was made on, for fact and article judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.fact_key IS 'The fact it was made on, for fact judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.entity_key IS 'The entity it was made on, for entity judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.quote IS 'The quote it was anchored on (TextQuoteSelector exact).';
COMMENT ON COLUMN reporting.orphaned_judgements.problem IS 'What can no longer be found.';
COMMENT ON COLUMN reporting.orphaned_judgements.why IS 'The analyst''s reason for the judgement.';
COMMENT ON COLUMN reporting.orphaned_judgements.made_by IS 'Who made it (database role or --by name).';
COMMENT ON COLUMN reporting.orphaned_judgements.made_at IS 'When it was made.';
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

SOURCES = r"""
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

FACT_SERIES = r"""
-- public.fact_series: one row per subject × metric × period, kept by triggers.
-- reporting.metric_series, latest_metrics, platform_comparison and fact_conflicts
-- read it instead of ranking every fact of a subject at query time (which fact a
-- series shows: an exact figure before a bound, then the latest article): the busiest
-- platform of a 100,000-article database has over 100,000 facts but about 2,400
-- series rows (bench/RESULTS.md).
--
-- Only facts the reporting views show count (public.fact_is_shown: not rejected by
-- an analyst, not a low-confidence candidate).
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
-- trigger does not have is never planned. An update refreshes only the keys of
-- rows whose key, value, qualifier or visibility changed: confirming a confident fact (an
-- analyst's judgement) changes no series.
CREATE OR REPLACE FUNCTION public.facts_refresh_fact_series() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM public.refresh_fact_series((
            SELECT jsonb_agg(DISTINCT x.k)
            FROM old_facts AS o
            JOIN new_facts AS n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (public.fact_series_key(o)), (public.fact_series_key(n))) AS x(k)
            WHERE (public.fact_series_key(o), o.source_id, o.value, o.unit, o.value_base, o.base_unit, o.qualifier,
                   public.fact_is_shown(o.review_status, o.confidence))
                  IS DISTINCT FROM
                  (public.fact_series_key(n), n.source_id, n.value, n.unit, n.value_base, n.base_unit, n.qualifier,
                   public.fact_is_shown(n.review_status, n.confidence))));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM public.refresh_fact_series((SELECT jsonb_agg(DISTINCT public.fact_series_key(o)) FROM old_facts AS o));
    ELSE
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

GRANT = r"""
GRANT SELECT ON review.facts TO parkdb_reviewer;
"""

# As the revisions before it left them (0010, 0019_ops); downgrade restores them.
PREVIOUS_FACTS = r"""
-- reporting.facts: one row per stored quantitative fact (CONTRACT.md).
-- The analyst's main table: who (subject), what (metric), how much (value, unit,
-- value_base), when (period), and where it was said (source, quote, span).
CREATE OR REPLACE VIEW reporting.facts AS
WITH fact_subjects AS (
    -- One branch per subject kind, so a filter on subject_name reaches that kind's name index.
    SELECT p.name AS subject_name, f.*
    FROM public.platforms AS p
    JOIN public.facts AS f ON f.subject_platform_id = p.id
    UNION ALL
    SELECT e.name, f.*
    FROM public.enterprises AS e
    JOIN public.facts AS f ON f.subject_enterprise_id = e.id
    UNION ALL
    SELECT pr.name, f.*
    FROM public.projects AS pr
    JOIN public.facts AS f ON f.subject_project_id = pr.id
    UNION ALL
    SELECT r.name, f.*
    FROM public.regions AS r
    JOIN public.facts AS f ON f.subject_region_id = r.id
)
SELECT s.source_key,
       s.title AS source_title,
       s.published_on,
       f.subject_kind,
       f.subject_name,
       m.name AS metric,
       f.metric_text,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       f.period_kind,
       f.period_start,
       f.period_end,
       f.quote,
       f.char_start,
       f.char_end
FROM fact_subjects AS f
JOIN public.sources AS s ON s.id = f.source_id
JOIN public.metrics AS m ON m.id = f.metric_id;

COMMENT ON VIEW reporting.facts IS
    'One row per stored quantitative fact: subject, metric, value as written and in base unit, qualifier, period, and the quote with its span in the article (CONTRACT.md).';
COMMENT ON COLUMN reporting.facts.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.facts.source_title IS 'Headline of the article.';
COMMENT ON COLUMN reporting.facts.published_on IS 'Publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.facts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.facts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.facts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.facts.metric_text IS 'The metric phrase as written in the article.';
COMMENT ON COLUMN reporting.facts.value IS 'The number as written (113.8); negative for a fall.';
COMMENT ON COLUMN reporting.facts.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.facts.value_base IS 'The value in the base unit (11380000000).';
COMMENT ON COLUMN reporting.facts.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.facts.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.facts.period_kind IS 'actual, asof, target or unknown.';
COMMENT ON COLUMN reporting.facts.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.facts.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.facts.quote IS 'The clause of the article that states it.';
COMMENT ON COLUMN reporting.facts.char_start IS 'Start of the quote in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.facts.char_end IS 'End of the quote in the stored article text (exclusive).';
"""

PREVIOUS_ENTITY_MENTIONS = r"""
-- reporting.entity_mentions: one row per entity mention in an article (CONTRACT.md).
-- Use it to find every article naming a platform or company, and the form it used.
CREATE OR REPLACE VIEW reporting.entity_mentions AS
WITH named_mentions AS (
    -- One branch per entity kind, so a filter on entity_name reaches that kind's name index.
    SELECT p.name AS entity_name, em.*
    FROM public.platforms AS p
    JOIN public.entity_mentions AS em ON em.platform_id = p.id
    UNION ALL
    SELECT e.name, em.*
    FROM public.enterprises AS e
    JOIN public.entity_mentions AS em ON em.enterprise_id = e.id
    UNION ALL
    SELECT pr.name, em.*
    FROM public.projects AS pr
    JOIN public.entity_mentions AS em ON em.project_id = pr.id
    UNION ALL
    SELECT i.name, em.*
    FROM public.institutions AS i
    JOIN public.entity_mentions AS em ON em.institution_id = i.id
)
SELECT s.source_key,
       em.entity_kind,
       em.entity_name,
       em.surface,
       em.char_start,
       em.char_end
FROM named_mentions AS em
JOIN public.sources AS s ON s.id = em.source_id;

COMMENT ON VIEW reporting.entity_mentions IS
    'One row per mention of a platform, enterprise, project or institution in an article, with the canonical name, the form written and its span (CONTRACT.md).';
COMMENT ON COLUMN reporting.entity_mentions.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.entity_mentions.entity_kind IS 'platform, enterprise, project or institution.';
COMMENT ON COLUMN reporting.entity_mentions.entity_name IS 'Canonical name of the entity.';
COMMENT ON COLUMN reporting.entity_mentions.surface IS 'The form written in the article.';
COMMENT ON COLUMN reporting.entity_mentions.char_start IS 'Start of the surface in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.entity_mentions.char_end IS 'End of the surface in the stored article text (exclusive).';
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

PREVIOUS_SOURCES = r"""
-- reporting.sources: one row per article.
-- What was loaded and what came out of it: headline, URL, publisher, date (with how
-- precise it is and where it comes from), the article's text (every char_start and
-- char_end of the other views points into it), how many distinct entities and facts
-- were extracted, by which extractor, and the load run that last wrote it.
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
COMMENT ON COLUMN reporting.sources.fact_count IS 'Facts extracted from the article.';
COMMENT ON COLUMN reporting.sources.extractor_version IS 'Extractor version that produced its facts and mentions.';
COMMENT ON COLUMN reporting.sources.load_run_id IS 'The load run that last wrote it (see reporting.load_runs).';
COMMENT ON COLUMN reporting.sources.last_loaded_at IS 'When its extraction was last written.';
COMMENT ON COLUMN reporting.sources.source_text IS 'The stored (cleaned) article text; char_start/char_end of every view are offsets into it (substr(source_text, char_start + 1, char_end - char_start)).';
"""

PREVIOUS_FACT_SERIES = r"""
-- public.fact_series: one row per subject × metric × period, kept by triggers.
-- reporting.metric_series, latest_metrics, platform_comparison and fact_conflicts
-- read it instead of ranking every fact of a subject at query time (which fact a
-- series shows: an exact figure before a bound, then the latest article): the busiest
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
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_platform_id IS NOT NULL
    UNION ALL
    SELECT 'enterprise'::text, f.subject_enterprise_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_enterprise_id IS NOT NULL
    UNION ALL
    SELECT 'project'::text, f.subject_project_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_project_id IS NOT NULL
    UNION ALL
    SELECT 'region'::text, f.subject_region_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_region_id IS NOT NULL
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


def upgrade() -> None:
    op.execute(REVIEW_FACTS)
    op.execute(FACTS)
    op.execute(FACT_CANDIDATES)
    op.execute(ENTITY_MENTIONS)
    op.execute(ORPHANED_JUDGEMENTS)
    op.execute(FACT_CONFLICTS)
    op.execute(SOURCES)
    op.execute(FACT_SERIES)
    op.execute(GRANT)
    op.execute("SELECT public.rebuild_fact_series()")


def downgrade() -> None:
    op.execute("DROP VIEW reporting.orphaned_judgements, reporting.fact_candidates, reporting.facts,"
               " reporting.entity_mentions")
    op.execute("DROP VIEW review.facts")
    op.execute(PREVIOUS_FACTS)
    op.execute(PREVIOUS_ENTITY_MENTIONS)
    op.execute(PREVIOUS_FACT_CONFLICTS)
    op.execute(PREVIOUS_SOURCES)
    op.execute(PREVIOUS_FACT_SERIES)
    op.execute("SELECT public.rebuild_fact_series()")
