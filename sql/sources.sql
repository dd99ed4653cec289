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
