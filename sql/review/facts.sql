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
