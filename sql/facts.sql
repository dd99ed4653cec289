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
