-- reporting.entity_mentions: one row per entity mention in an article (CONTRACT.md).
-- Use it to find every article naming a platform or company, and the form it used.
CREATE OR REPLACE VIEW reporting.entity_mentions AS
WITH named_mentions AS (
    -- One branch per entity kind, so a filter on entity_name reaches that kind's name index.
    SELECT p.name AS entity_name, p.entity_key, em.*
    FROM public.platforms AS p
    JOIN public.entity_mentions AS em ON em.platform_id = p.id
    UNION ALL
    SELECT e.name, e.entity_key, em.*
    FROM public.enterprises AS e
    JOIN public.entity_mentions AS em ON em.enterprise_id = e.id
    UNION ALL
    SELECT pr.name, pr.entity_key, em.*
    FROM public.projects AS pr
    JOIN public.entity_mentions AS em ON em.project_id = pr.id
    UNION ALL
    SELECT i.name, i.entity_key, em.*
    FROM public.institutions AS i
    JOIN public.entity_mentions AS em ON em.institution_id = i.id
)
SELECT s.source_key,
       em.entity_kind,
       em.entity_name,
       em.surface,
       em.char_start,
       em.char_end,
       em.entity_key
FROM named_mentions AS em
JOIN public.sources AS s ON s.id = em.source_id;

COMMENT ON VIEW reporting.entity_mentions IS
    'One row per mention of a platform, enterprise, project or institution in an article, with the canonical name, the form written and its span (CONTRACT.md).';
COMMENT ON COLUMN reporting.entity_mentions.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.entity_mentions.entity_kind IS 'platform, enterprise, project or institution.';
COMMENT ON COLUMN reporting.entity_mentions.entity_name IS 'Canonical name of the entity.';
COMMENT ON COLUMN reporting.entity_mentions.surface IS 'The form written in the article.';
COMMENT ON COLUMN reporting.entity_mentions.char_start IS 'Start of the surface in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.entity_mentions.char_end IS 'End of the surface in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.entity_mentions.entity_key IS 'The entity''s stable identity (survives reloads and renames; a merged entity''s mentions show the surviving key).';
