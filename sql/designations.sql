-- reporting.designations: one row per subject × designation × year.
-- Honours and lists (国家级绿色工厂, 专精特新 "小巨人") and who was named to them
-- when, with the articles that say so. Filter on subject_name or designation.
CREATE OR REPLACE VIEW reporting.designations AS
WITH subject_designations AS (
    SELECT 'platform'::text AS subject_kind, p.name AS subject_name, d.id, d.source_id, d.designation, d.year, d.quote
    FROM public.platforms AS p
    JOIN public.designations AS d ON d.platform_id = p.id
    UNION ALL
    SELECT 'enterprise'::text, e.name, d.id, d.source_id, d.designation, d.year, d.quote
    FROM public.enterprises AS e
    JOIN public.designations AS d ON d.enterprise_id = e.id
    UNION ALL
    SELECT 'project'::text, pr.name, d.id, d.source_id, d.designation, d.year, d.quote
    FROM public.projects AS pr
    JOIN public.designations AS d ON d.project_id = pr.id
    UNION ALL
    SELECT 'region'::text, r.name, d.id, d.source_id, d.designation, d.year, d.quote
    FROM public.regions AS r
    JOIN public.designations AS d ON d.region_id = r.id
    UNION ALL
    SELECT 'institution'::text, i.name, d.id, d.source_id, d.designation, d.year, d.quote
    FROM public.institutions AS i
    JOIN public.designations AS d ON d.institution_id = i.id
),
-- Each article is looked up by its id (a subject has few), never hashed whole:
-- OFFSET 0 keeps the lookup a parameterised index scan per designation.
sourced_designations AS (
    SELECT sd.*,
           s.source_key,
           s.published_on
    FROM subject_designations AS sd
    CROSS JOIN LATERAL (
        SELECT src.source_key, src.published_on
        FROM public.sources AS src
        WHERE src.id = sd.source_id
        OFFSET 0
    ) AS s
)
SELECT subject_kind,
       subject_name,
       designation,
       year,
       count(DISTINCT source_key) AS source_count,
       array_agg(DISTINCT source_key ORDER BY source_key) AS source_keys,
       min(published_on) AS first_published_on,
       (array_agg(quote ORDER BY published_on NULLS LAST, id))[1] AS first_quote
FROM sourced_designations
GROUP BY subject_kind, subject_name, designation, year;

COMMENT ON VIEW reporting.designations IS
    'One row per subject × designation × year (null year when no article gives one): the honour or list a platform, enterprise, project, region or institution was named to, with the articles that report it.';
COMMENT ON COLUMN reporting.designations.subject_kind IS 'platform, enterprise, project, region or institution.';
COMMENT ON COLUMN reporting.designations.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.designations.designation IS 'The honour or list as written (国家级绿色工厂).';
COMMENT ON COLUMN reporting.designations.year IS 'The year of the honour, when an article gives it.';
COMMENT ON COLUMN reporting.designations.source_count IS 'How many articles report it.';
COMMENT ON COLUMN reporting.designations.source_keys IS 'Those articles'' source_keys, sorted.';
COMMENT ON COLUMN reporting.designations.first_published_on IS 'Publication date of the earliest article that reports it.';
COMMENT ON COLUMN reporting.designations.first_quote IS 'The clause stating it in the earliest such article.';
