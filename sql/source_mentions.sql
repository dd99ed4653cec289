-- reporting.source_mentions: one row per entity mention in an article.
-- The rows of reporting.entity_mentions, built from the article outward for the review
-- page (parkdb serve), so a filter on source_key is one index probe on sources and one
-- index range of mentions however many articles there are (reporting.entity_mentions
-- is built for filters on the entity's name).
CREATE OR REPLACE VIEW reporting.source_mentions AS
SELECT s.source_key,
       em.entity_kind,
       coalesce(p.name, e.name, pr.name, i.name) AS entity_name,
       em.surface,
       em.char_start,
       em.char_end,
       coalesce(p.entity_key, e.entity_key, pr.entity_key, i.entity_key) AS entity_key
FROM public.sources AS s
JOIN public.entity_mentions AS em ON em.source_id = s.id
LEFT JOIN public.platforms AS p ON p.id = em.platform_id
LEFT JOIN public.enterprises AS e ON e.id = em.enterprise_id
LEFT JOIN public.projects AS pr ON pr.id = em.project_id
LEFT JOIN public.institutions AS i ON i.id = em.institution_id;

COMMENT ON VIEW reporting.source_mentions IS
    'One row per entity mention in an article, as reporting.entity_mentions, built for a filter on source_key.';
COMMENT ON COLUMN reporting.source_mentions.source_key IS 'The article''s readable unique key.';
COMMENT ON COLUMN reporting.source_mentions.entity_kind IS 'platform, enterprise, project or institution.';
COMMENT ON COLUMN reporting.source_mentions.entity_name IS 'Canonical name of the entity.';
COMMENT ON COLUMN reporting.source_mentions.surface IS 'The form written in the article.';
COMMENT ON COLUMN reporting.source_mentions.char_start IS 'Start of the surface in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.source_mentions.char_end IS 'End of the surface in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.source_mentions.entity_key IS 'The entity''s stable identity.';
