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
