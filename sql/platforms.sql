-- reporting.platforms: one row per platform.
-- The analyst's platform directory: kind, parent, district, the corridor it lies on,
-- its aliases, how much the articles say about it (enterprises, projects, facts,
-- articles) and when it was first and last written about.
-- Filter on platform_name: every count is a LATERAL lookup for that platform only;
-- article and fact counts are one index-only range of public.entity_articles (one
-- row per entity × article, kept by triggers: sql/derived/entity_articles.sql).
CREATE OR REPLACE VIEW reporting.platforms AS
WITH nearest_corridor AS (
    SELECT DISTINCT ON (t.descendant_name)
           t.descendant_name AS platform_name,
           t.ancestor_name AS corridor_name
    FROM reporting.platform_tree AS t
    WHERE t.ancestor_kind = 'corridor'
    ORDER BY t.descendant_name, t.depth
),
platform_profiles AS (
    SELECT p.name AS platform_name,
           p.kind AS platform_kind,
           parent.name AS parent_name,
           p.district,
           coalesce(aliases.aliases, '{}') AS aliases,
           enterprises.enterprise_count,
           projects.project_count,
           projects.planned_investment_yuan,
           articles.fact_count,
           articles.source_count,
           articles.first_published_on,
           articles.last_published_on
    FROM public.platforms AS p
    LEFT JOIN public.platforms AS parent ON parent.id = p.parent_id
    LEFT JOIN LATERAL (
        SELECT array_agg(a.alias ORDER BY a.alias) AS aliases
        FROM public.platform_aliases AS a
        WHERE a.platform_id = p.id
    ) AS aliases ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS enterprise_count
        FROM public.enterprises AS e
        WHERE e.platform_id = p.id
    ) AS enterprises ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS project_count,
               sum(pr.investment_yuan) AS planned_investment_yuan
        FROM public.projects AS pr
        WHERE pr.platform_id = p.id
    ) AS projects ON true
    LEFT JOIN LATERAL (
        -- articles are those that mention the platform; facts are all those about it
        SELECT coalesce(sum(ea.fact_count), 0)::bigint AS fact_count,
               count(*) FILTER (WHERE ea.mention_count > 0) AS source_count,
               min(ea.published_on) FILTER (WHERE ea.mention_count > 0) AS first_published_on,
               max(ea.published_on) FILTER (WHERE ea.mention_count > 0) AS last_published_on
        FROM public.entity_articles AS ea
        WHERE ea.entity_kind = 'platform' AND ea.entity_id = p.id
    ) AS articles ON true
)
SELECT pp.platform_name,
       pp.platform_kind,
       pp.parent_name,
       pp.district,
       nc.corridor_name,
       pp.aliases,
       pp.enterprise_count,
       pp.project_count,
       pp.fact_count,
       pp.source_count,
       pp.planned_investment_yuan,
       pp.first_published_on,
       pp.last_published_on
FROM platform_profiles AS pp
LEFT JOIN nearest_corridor AS nc ON nc.platform_name = pp.platform_name;

COMMENT ON VIEW reporting.platforms IS
    'One row per platform: kind, parent, district, the corridor it lies on, aliases, counts of enterprises, projects, facts and articles, planned investment of its projects, and the first and last dates it was written about.';
COMMENT ON COLUMN reporting.platforms.platform_name IS 'Canonical name of the platform.';
COMMENT ON COLUMN reporting.platforms.platform_kind IS 'corridor, zone, park or incubator.';
COMMENT ON COLUMN reporting.platforms.parent_name IS 'The platform it lies within or on (a park''s zone, a zone''s corridor); null at the top.';
COMMENT ON COLUMN reporting.platforms.district IS 'Administrative district or county, when known.';
COMMENT ON COLUMN reporting.platforms.corridor_name IS 'The nearest corridor up the hierarchy (the platform itself if it is a corridor); null when none.';
COMMENT ON COLUMN reporting.platforms.aliases IS 'Other names the articles use for it, sorted; empty when none.';
COMMENT ON COLUMN reporting.platforms.enterprise_count IS 'Enterprises located on this platform itself (enterprises.platform_id; not its sub-platforms).';
COMMENT ON COLUMN reporting.platforms.project_count IS 'Projects on this platform itself (not its sub-platforms).';
COMMENT ON COLUMN reporting.platforms.fact_count IS 'Facts whose subject is this platform.';
COMMENT ON COLUMN reporting.platforms.source_count IS 'Articles that mention this platform (distinct sources in entity_mentions).';
COMMENT ON COLUMN reporting.platforms.planned_investment_yuan IS 'Sum of the planned investment of its projects, in yuan; null when none is known.';
COMMENT ON COLUMN reporting.platforms.first_published_on IS 'Publication date of the earliest article that mentions it.';
COMMENT ON COLUMN reporting.platforms.last_published_on IS 'Publication date of the latest article that mentions it.';
