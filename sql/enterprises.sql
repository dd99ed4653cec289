-- reporting.enterprises: one row per enterprise.
-- The company directory: its aliases, the platforms it sits on (its own
-- platform and those of its projects), its honours, and how often the
-- articles mention it and state facts about it.
-- Filter on enterprise_name: every list and count is a LATERAL lookup; article,
-- mention and fact counts are one index-only range of public.entity_articles (one
-- row per entity × article, kept by triggers: sql/derived/entity_articles.sql).
CREATE OR REPLACE VIEW reporting.enterprises AS
WITH enterprise_profiles AS (
    SELECT e.name AS enterprise_name,
           coalesce(aliases.aliases, '{}') AS aliases,
           coalesce(platforms.platform_names, '{}') AS platform_names,
           coalesce(honours.designations, '{}') AS designations,
           projects.project_count,
           articles.source_count,
           articles.mention_count,
           articles.fact_count
    FROM public.enterprises AS e
    LEFT JOIN LATERAL (
        SELECT array_agg(a.alias ORDER BY a.alias) AS aliases
        FROM public.enterprise_aliases AS a
        WHERE a.enterprise_id = e.id
    ) AS aliases ON true
    LEFT JOIN LATERAL (
        SELECT array_agg(p.name ORDER BY p.name) AS platform_names
        FROM public.platforms AS p
        WHERE p.id = e.platform_id
           OR p.id IN (SELECT pr.platform_id FROM public.projects AS pr WHERE pr.enterprise_id = e.id)
    ) AS platforms ON true
    LEFT JOIN LATERAL (
        SELECT array_agg(DISTINCT d.designation ORDER BY d.designation) AS designations
        FROM public.designations AS d
        WHERE d.enterprise_id = e.id
    ) AS honours ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS project_count
        FROM public.projects AS pr
        WHERE pr.enterprise_id = e.id
    ) AS projects ON true
    LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE ea.mention_count > 0) AS source_count,
               coalesce(sum(ea.mention_count), 0)::bigint AS mention_count,
               coalesce(sum(ea.fact_count), 0)::bigint AS fact_count
        FROM public.entity_articles AS ea
        WHERE ea.entity_kind = 'enterprise' AND ea.entity_id = e.id
    ) AS articles ON true
)
SELECT enterprise_name,
       aliases,
       platform_names,
       designations,
       project_count,
       source_count,
       mention_count,
       fact_count
FROM enterprise_profiles;

COMMENT ON VIEW reporting.enterprises IS
    'One row per enterprise: aliases, the platforms it sits on (its own and its projects''), its honours, and counts of projects, articles, mentions and facts.';
COMMENT ON COLUMN reporting.enterprises.enterprise_name IS 'Canonical name of the enterprise.';
COMMENT ON COLUMN reporting.enterprises.aliases IS 'Other names the articles use for it, sorted; empty when none.';
COMMENT ON COLUMN reporting.enterprises.platform_names IS 'Platforms it is located on (enterprises.platform_id) or has projects on, sorted; empty when none.';
COMMENT ON COLUMN reporting.enterprises.designations IS 'Distinct honours and lists it was named to (国家级绿色工厂, 专精特新), sorted; see reporting.designations for years and sources.';
COMMENT ON COLUMN reporting.enterprises.project_count IS 'Projects it is behind.';
COMMENT ON COLUMN reporting.enterprises.source_count IS 'Articles that mention it (distinct sources in entity_mentions).';
COMMENT ON COLUMN reporting.enterprises.mention_count IS 'Mentions of it across all articles.';
COMMENT ON COLUMN reporting.enterprises.fact_count IS 'Facts whose subject is this enterprise.';
