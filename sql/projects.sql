-- reporting.projects: one row per project.
-- The project register: where it is, who is behind it, how much is planned,
-- its latest status, and which articles report it and when.
-- Filter on project_name, platform_name or enterprise_name; the article
-- lists are LATERAL index-only ranges of public.entity_articles (one row per
-- entity × article, kept by triggers: sql/derived/entity_articles.sql), so only
-- the matching projects' articles are read.
CREATE OR REPLACE VIEW reporting.projects AS
WITH project_articles AS (
    SELECT pr.id AS project_id,
           articles.source_keys,
           articles.first_reported_on,
           articles.last_reported_on
    FROM public.projects AS pr
    LEFT JOIN LATERAL (
        SELECT array_agg(ea.source_key ORDER BY ea.source_key) AS source_keys,
               min(ea.published_on) AS first_reported_on,
               max(ea.published_on) AS last_reported_on
        FROM public.entity_articles AS ea
        WHERE ea.entity_kind = 'project' AND ea.entity_id = pr.id
    ) AS articles ON true
)
SELECT pr.name AS project_name,
       p.name AS platform_name,
       e.name AS enterprise_name,
       pr.investment_yuan,
       round(pr.investment_yuan / 100000000, 4) AS investment_yi_yuan,
       pr.status,
       pa.first_reported_on,
       pa.last_reported_on,
       coalesce(cardinality(pa.source_keys), 0) AS source_count,
       coalesce(pa.source_keys, '{}') AS source_keys
FROM public.projects AS pr
JOIN project_articles AS pa ON pa.project_id = pr.id
LEFT JOIN public.platforms AS p ON p.id = pr.platform_id
LEFT JOIN public.enterprises AS e ON e.id = pr.enterprise_id;

COMMENT ON VIEW reporting.projects IS
    'One row per project: platform, enterprise, planned investment (yuan and 亿元), latest status, the first and last dates an article reported it, and those articles.';
COMMENT ON COLUMN reporting.projects.project_name IS 'Canonical name of the project.';
COMMENT ON COLUMN reporting.projects.platform_name IS 'The platform the project is on, when known.';
COMMENT ON COLUMN reporting.projects.enterprise_name IS 'The enterprise behind the project, when known.';
COMMENT ON COLUMN reporting.projects.investment_yuan IS 'Planned total investment in yuan, as last reported.';
COMMENT ON COLUMN reporting.projects.investment_yi_yuan IS 'The same in 亿元 (100 million yuan), rounded to 4 decimals.';
COMMENT ON COLUMN reporting.projects.status IS 'planned, signed, under_construction, completed or operating, as last reported.';
COMMENT ON COLUMN reporting.projects.first_reported_on IS 'Publication date of the earliest article that mentions it or states a fact about it.';
COMMENT ON COLUMN reporting.projects.last_reported_on IS 'Publication date of the latest such article.';
COMMENT ON COLUMN reporting.projects.source_count IS 'How many articles mention it or state a fact about it.';
COMMENT ON COLUMN reporting.projects.source_keys IS 'Those articles'' source_keys, sorted.';
