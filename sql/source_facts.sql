-- reporting.source_facts: one row per fact of an article, shown or candidate.
-- One article's figures for the review page (parkdb serve): the columns of
-- reporting.facts plus the extractor's reasons and whether reporting.facts shows it
-- (candidates under the confidence threshold are not shown); rejected facts are left
-- out. Built from the article outward, so a filter on source_key is one index probe on
-- sources and one index range of facts however many articles there are.
CREATE OR REPLACE VIEW reporting.source_facts AS
SELECT s.source_key,
       s.published_on,
       f.subject_kind,
       coalesce(p.name, e.name, pr.name, r.name) AS subject_name,
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
       public.fact_is_shown(f.review_status, f.confidence) AS is_shown
FROM public.sources AS s
JOIN public.facts AS f ON f.source_id = s.id
JOIN public.metrics AS m ON m.id = f.metric_id
LEFT JOIN public.platforms AS p ON p.id = f.subject_platform_id
LEFT JOIN public.enterprises AS e ON e.id = f.subject_enterprise_id
LEFT JOIN public.projects AS pr ON pr.id = f.subject_project_id
LEFT JOIN public.regions AS r ON r.id = f.subject_region_id
WHERE f.review_status <> 'rejected';

COMMENT ON VIEW reporting.source_facts IS
    'One row per fact of an article that is shown (as reporting.facts) or a candidate (as reporting.fact_candidates), with is_shown and the reasons; rejected facts left out. Filter on source_key.';
COMMENT ON COLUMN reporting.source_facts.source_key IS 'The article''s readable unique key.';
COMMENT ON COLUMN reporting.source_facts.published_on IS 'The article''s publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.source_facts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.source_facts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.source_facts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.source_facts.metric_text IS 'The metric phrase as written in the article.';
COMMENT ON COLUMN reporting.source_facts.value IS 'The number as written (113.8); negative for a fall.';
COMMENT ON COLUMN reporting.source_facts.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.source_facts.value_base IS 'The value in the base unit (11380000000).';
COMMENT ON COLUMN reporting.source_facts.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.source_facts.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.source_facts.period_kind IS 'actual, asof, target or unknown.';
COMMENT ON COLUMN reporting.source_facts.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.source_facts.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.source_facts.quote IS 'The clause of the article that states it.';
COMMENT ON COLUMN reporting.source_facts.char_start IS 'Start of the quote in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.source_facts.char_end IS 'End of the quote in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.source_facts.fact_key IS 'The fact''s stable identity (what parkdb review takes).';
COMMENT ON COLUMN reporting.source_facts.review_status IS 'extracted, confirmed, corrected or added.';
COMMENT ON COLUMN reporting.source_facts.confidence IS 'The extractor''s confidence, 0 to 1 (1 for figures added or confirmed by an analyst).';
COMMENT ON COLUMN reporting.source_facts.reasons IS 'What lowered the extractor''s confidence.';
COMMENT ON COLUMN reporting.source_facts.is_shown IS 'True when reporting.facts shows it; false for a candidate under the confidence threshold.';
