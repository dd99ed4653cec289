"""Keep one row per entity × article in public.entity_articles; count and list articles from it.

Why: reporting.projects listed each project's articles by gathering the article
ids of its mentions and facts and looking every article up: 888 projects and
45,099 lookups for the busiest platform of a 100,000-article database (205 ms,
bench/RESULTS.md); reporting.platforms and enterprises counted the same way.
public.entity_articles holds, per entity and article, the article's key and date
and the entity's mention and fact counts, in a covering primary key, so each of
these is one index-only range. Triggers on entity_mentions and facts add and
subtract what each statement wrote or removed (upserts with increments), sources
copies a changed key or date over, and a deleted source takes its rows along
(foreign key). public.rebuild_entity_articles() recomputes it all. The three views
keep their columns and rows. Downgrade restores them and drops the table, its
triggers and functions.

Revision ID: 0013
Revises: 0012
Created: 2026-11-22 04:40:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

TABLE_COMMENT = "Derived, kept by triggers: one row per entity × article with the article's key and date and how many mentions and facts of the entity it holds. Rebuild with SELECT public.rebuild_entity_articles()."

# sql/derived/entity_articles.sql as of this revision.
ENTITY_ARTICLES = r"""
-- public.entity_articles: one row per entity × article, kept by triggers.
-- reporting.platforms, enterprises and projects count and list a subject's
-- articles from it: an index-only range per entity (source_key, publication date
-- and the counts are in the index), where they used to gather the article ids of
-- every mention and fact and look each article up (888 projects of the busiest
-- platform, 45,099 article lookups, bench/RESULTS.md).
--
-- public.entity_articles_computed is the definition. Triggers on entity_mentions
-- and facts add and subtract the rows a statement wrote or removed (upserts with
-- increments: no recomputation, and safe with concurrent writers); a row goes
-- when nothing of its entity is left in its article; a changed publication date
-- or key on sources is copied over; a deleted source takes its rows with it
-- (foreign key). public.rebuild_entity_articles() recomputes everything.

CREATE OR REPLACE VIEW public.entity_articles_computed AS
WITH entity_rows AS (
    SELECT em.entity_kind,
           coalesce(em.platform_id, em.enterprise_id, em.project_id, em.institution_id) AS entity_id,
           em.source_id,
           1 AS mentions,
           0 AS facts
    FROM public.entity_mentions AS em
    UNION ALL
    SELECT f.subject_kind,
           coalesce(f.subject_platform_id, f.subject_enterprise_id, f.subject_project_id, f.subject_region_id),
           f.source_id,
           0,
           1
    FROM public.facts AS f
)
SELECT er.entity_kind,
       er.entity_id,
       er.source_id,
       s.source_key,
       s.published_on,
       sum(er.mentions) AS mention_count,
       sum(er.facts) AS fact_count
FROM entity_rows AS er
JOIN public.sources AS s ON s.id = er.source_id
GROUP BY er.entity_kind, er.entity_id, er.source_id, s.source_key, s.published_on;

COMMENT ON VIEW public.entity_articles_computed IS
    'What public.entity_articles must hold, computed from entity_mentions, facts and sources: one row per entity × article. Used to rebuild entity_articles and to check it.';

-- Apply count changes: a jsonb array of objects with entity_kind, entity_id,
-- source_id, mentions and facts (positive for rows written, negative for rows
-- removed). Deltas of an article that no longer exists are dropped: its rows
-- went with it.
CREATE OR REPLACE FUNCTION public.count_entity_articles(deltas jsonb) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF deltas IS NULL OR jsonb_array_length(deltas) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO public.entity_articles AS ea (entity_kind, entity_id, source_id, source_key, published_on,
                                              mention_count, fact_count)
    SELECT d.entity_kind, d.entity_id, d.source_id, s.source_key, s.published_on, sum(d.mentions), sum(d.facts)
    FROM jsonb_to_recordset(deltas) AS d(entity_kind text, entity_id bigint, source_id bigint,
                                         mentions bigint, facts bigint)
    JOIN public.sources AS s ON s.id = d.source_id
    GROUP BY d.entity_kind, d.entity_id, d.source_id, s.source_key, s.published_on
    -- one row per entity × article: the order of the upserts never deadlocks two writers
    ORDER BY d.entity_kind, d.entity_id, d.source_id
    ON CONFLICT (entity_kind, entity_id, source_id) DO UPDATE
        SET mention_count = ea.mention_count + excluded.mention_count,
            fact_count = ea.fact_count + excluded.fact_count;
    DELETE FROM public.entity_articles AS ea
    USING jsonb_to_recordset(deltas) AS d(entity_kind text, entity_id bigint, source_id bigint)
    WHERE ea.entity_kind = d.entity_kind
      AND ea.entity_id = d.entity_id
      AND ea.source_id = d.source_id
      AND ea.mention_count = 0
      AND ea.fact_count = 0;
END;
$$;

COMMENT ON FUNCTION public.count_entity_articles(jsonb) IS
    'Add mention and fact count changes to public.entity_articles (called by the triggers on entity_mentions and facts).';

CREATE OR REPLACE FUNCTION public.rebuild_entity_articles() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    written bigint;
BEGIN
    LOCK TABLE public.entity_articles IN EXCLUSIVE MODE;
    DELETE FROM public.entity_articles;
    INSERT INTO public.entity_articles (entity_kind, entity_id, source_id, source_key, published_on,
                                       mention_count, fact_count)
    SELECT entity_kind, entity_id, source_id, source_key, published_on, mention_count, fact_count
    FROM public.entity_articles_computed;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

COMMENT ON FUNCTION public.rebuild_entity_articles() IS
    'Recompute all of public.entity_articles from entity_mentions and facts; returns the number of rows.';

-- The count changes a statement on entity_mentions or facts made: minus the rows
-- it removed, plus the rows it wrote. Each trigger has its own compiled copy, so a
-- branch naming a transition table the trigger does not have is never planned.
CREATE OR REPLACE FUNCTION public.mentions_count_entity_articles() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM public.count_entity_articles((
            SELECT jsonb_agg(jsonb_build_object('entity_kind', c.entity_kind, 'entity_id', c.entity_id,
                                                'source_id', c.source_id, 'mentions', -c.n, 'facts', 0))
            FROM (SELECT o.entity_kind,
                         coalesce(o.platform_id, o.enterprise_id, o.project_id, o.institution_id) AS entity_id,
                         o.source_id, count(*) AS n
                  FROM old_mentions AS o
                  GROUP BY 1, 2, 3) AS c));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.count_entity_articles((
            SELECT jsonb_agg(jsonb_build_object('entity_kind', c.entity_kind, 'entity_id', c.entity_id,
                                                'source_id', c.source_id, 'mentions', c.n, 'facts', 0))
            FROM (SELECT n.entity_kind,
                         coalesce(n.platform_id, n.enterprise_id, n.project_id, n.institution_id) AS entity_id,
                         n.source_id, count(*) AS n
                  FROM new_mentions AS n
                  GROUP BY 1, 2, 3) AS c));
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.facts_count_entity_articles() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM public.count_entity_articles((
            SELECT jsonb_agg(jsonb_build_object('entity_kind', c.subject_kind, 'entity_id', c.subject_id,
                                                'source_id', c.source_id, 'mentions', 0, 'facts', -c.n))
            FROM (SELECT o.subject_kind,
                         coalesce(o.subject_platform_id, o.subject_enterprise_id, o.subject_project_id,
                                  o.subject_region_id) AS subject_id,
                         o.source_id, count(*) AS n
                  FROM old_facts AS o
                  GROUP BY 1, 2, 3) AS c));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM public.count_entity_articles((
            SELECT jsonb_agg(jsonb_build_object('entity_kind', c.subject_kind, 'entity_id', c.subject_id,
                                                'source_id', c.source_id, 'mentions', 0, 'facts', c.n))
            FROM (SELECT n.subject_kind,
                         coalesce(n.subject_platform_id, n.subject_enterprise_id, n.subject_project_id,
                                  n.subject_region_id) AS subject_id,
                         n.source_id, count(*) AS n
                  FROM new_facts AS n
                  GROUP BY 1, 2, 3) AS c));
    END IF;
    RETURN NULL;
END;
$$;

-- An article's key and publication date are copied onto its rows.
CREATE OR REPLACE FUNCTION public.sources_update_entity_articles() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE public.entity_articles
    SET source_key = NEW.source_key,
        published_on = NEW.published_on
    WHERE source_id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.truncate_entity_articles() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    -- what the other table (mentions or facts) still holds stays counted
    PERFORM public.rebuild_entity_articles();
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER mentions_inserted_count_entity_articles
    AFTER INSERT ON public.entity_mentions REFERENCING NEW TABLE AS new_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION public.mentions_count_entity_articles();
CREATE OR REPLACE TRIGGER mentions_updated_count_entity_articles
    AFTER UPDATE ON public.entity_mentions REFERENCING OLD TABLE AS old_mentions NEW TABLE AS new_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION public.mentions_count_entity_articles();
CREATE OR REPLACE TRIGGER mentions_deleted_count_entity_articles
    AFTER DELETE ON public.entity_mentions REFERENCING OLD TABLE AS old_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION public.mentions_count_entity_articles();
CREATE OR REPLACE TRIGGER mentions_truncated_recount_entity_articles
    AFTER TRUNCATE ON public.entity_mentions
    FOR EACH STATEMENT EXECUTE FUNCTION public.truncate_entity_articles();
CREATE OR REPLACE TRIGGER facts_inserted_count_entity_articles
    AFTER INSERT ON public.facts REFERENCING NEW TABLE AS new_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_count_entity_articles();
CREATE OR REPLACE TRIGGER facts_updated_count_entity_articles
    AFTER UPDATE ON public.facts REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_count_entity_articles();
CREATE OR REPLACE TRIGGER facts_deleted_count_entity_articles
    AFTER DELETE ON public.facts REFERENCING OLD TABLE AS old_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_count_entity_articles();
CREATE OR REPLACE TRIGGER facts_truncated_recount_entity_articles
    AFTER TRUNCATE ON public.facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.truncate_entity_articles();
CREATE OR REPLACE TRIGGER sources_changed_update_entity_articles
    AFTER UPDATE OF source_key, published_on ON public.sources
    FOR EACH ROW WHEN (OLD.source_key IS DISTINCT FROM NEW.source_key
                       OR OLD.published_on IS DISTINCT FROM NEW.published_on)
    EXECUTE FUNCTION public.sources_update_entity_articles();
"""

DROP_ENTITY_ARTICLES = r"""
DROP TRIGGER IF EXISTS sources_changed_update_entity_articles ON public.sources;
DROP TRIGGER IF EXISTS facts_truncated_recount_entity_articles ON public.facts;
DROP TRIGGER IF EXISTS facts_deleted_count_entity_articles ON public.facts;
DROP TRIGGER IF EXISTS facts_updated_count_entity_articles ON public.facts;
DROP TRIGGER IF EXISTS facts_inserted_count_entity_articles ON public.facts;
DROP TRIGGER IF EXISTS mentions_truncated_recount_entity_articles ON public.entity_mentions;
DROP TRIGGER IF EXISTS mentions_deleted_count_entity_articles ON public.entity_mentions;
DROP TRIGGER IF EXISTS mentions_updated_count_entity_articles ON public.entity_mentions;
DROP TRIGGER IF EXISTS mentions_inserted_count_entity_articles ON public.entity_mentions;
DROP FUNCTION IF EXISTS public.truncate_entity_articles();
DROP FUNCTION IF EXISTS public.sources_update_entity_articles();
DROP FUNCTION IF EXISTS public.facts_count_entity_articles();
DROP FUNCTION IF EXISTS public.mentions_count_entity_articles();
DROP FUNCTION IF EXISTS public.rebuild_entity_articles();
DROP FUNCTION IF EXISTS public.count_entity_articles(jsonb);
DROP VIEW IF EXISTS public.entity_articles_computed;
"""

PLATFORMS = r"""
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
"""

ENTERPRISES = r"""
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
"""

PROJECTS = r"""
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
"""

# As it stood at revision 0012; downgrade restores it.
PREVIOUS_PLATFORMS = r"""
-- reporting.platforms: one row per platform.
-- The analyst's platform directory: kind, parent, district, the corridor it lies on,
-- its aliases, how much the articles say about it (enterprises, projects, facts,
-- articles) and when it was first and last written about.
-- Filter on platform_name: every count is a LATERAL lookup for that platform only.
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
           facts.fact_count,
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
        SELECT count(*) AS fact_count
        FROM public.facts AS f
        WHERE f.subject_platform_id = p.id
    ) AS facts ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS source_count,
               min(s.published_on) AS first_published_on,
               max(s.published_on) AS last_published_on
        FROM public.sources AS s
        WHERE s.id IN (SELECT em.source_id FROM public.entity_mentions AS em WHERE em.platform_id = p.id)
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
"""

# As it stood at revision 0012; downgrade restores it.
PREVIOUS_ENTERPRISES = r"""
-- reporting.enterprises: one row per enterprise.
-- The company directory: its aliases, the platforms it sits on (its own
-- platform and those of its projects), its honours, and how often the
-- articles mention it and state facts about it.
-- Filter on enterprise_name: every list and count is a LATERAL lookup.
CREATE OR REPLACE VIEW reporting.enterprises AS
WITH enterprise_profiles AS (
    SELECT e.name AS enterprise_name,
           coalesce(aliases.aliases, '{}') AS aliases,
           coalesce(platforms.platform_names, '{}') AS platform_names,
           coalesce(honours.designations, '{}') AS designations,
           projects.project_count,
           mentions.source_count,
           mentions.mention_count,
           facts.fact_count
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
        SELECT count(DISTINCT em.source_id) AS source_count,
               count(*) AS mention_count
        FROM public.entity_mentions AS em
        WHERE em.enterprise_id = e.id
    ) AS mentions ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS fact_count
        FROM public.facts AS f
        WHERE f.subject_enterprise_id = e.id
    ) AS facts ON true
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
"""

# As it stood at revision 0012; downgrade restores it.
PREVIOUS_PROJECTS = r"""
-- reporting.projects: one row per project.
-- The project register: where it is, who is behind it, how much is planned,
-- its latest status, and which articles report it and when.
-- Filter on project_name, platform_name or enterprise_name; the article
-- lookups are LATERAL, so only the matching projects' articles are read.
CREATE OR REPLACE VIEW reporting.projects AS
WITH project_articles AS (
    SELECT pr.id AS project_id,
           articles.source_keys,
           articles.first_reported_on,
           articles.last_reported_on
    FROM public.projects AS pr
    LEFT JOIN LATERAL (
        SELECT array_agg(s.source_key ORDER BY s.source_key) AS source_keys,
               min(s.published_on) AS first_reported_on,
               max(s.published_on) AS last_reported_on
        FROM public.sources AS s
        WHERE s.id IN (SELECT em.source_id FROM public.entity_mentions AS em WHERE em.project_id = pr.id
                       UNION
                       SELECT f.source_id FROM public.facts AS f WHERE f.subject_project_id = pr.id)
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
"""


def upgrade() -> None:
    op.create_table(
        "entity_articles",
        sa.Column('entity_kind', sa.Text(), nullable=False, comment='platform, enterprise, project, region or institution.'),
        sa.Column('entity_id', sa.BigInteger(), nullable=False, comment='The id in the table entity_kind names.'),
        sa.Column('source_id', sa.BigInteger(), nullable=False, comment='The article.'),
        sa.Column('source_key', sa.Text(), nullable=False, comment="The article's key (sources.source_key)."),
        sa.Column('published_on', sa.Date(), nullable=True, comment="The article's publication date."),
        sa.Column('mention_count', sa.BigInteger(), nullable=False, comment='Mentions of the entity in the article.'),
        sa.Column('fact_count', sa.BigInteger(), nullable=False, comment='Facts about the entity (as subject) in the article.'),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_entity_articles_source_id_sources"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entity_kind", "entity_id", "source_id", name=op.f("pk_entity_articles"),
                                postgresql_include=["source_key", "published_on", "mention_count", "fact_count"]),
        comment=TABLE_COMMENT,
    )
    op.create_index(op.f("ix_entity_articles_source_id"), "entity_articles", ["source_id"])
    op.execute(ENTITY_ARTICLES)
    op.execute("SELECT public.rebuild_entity_articles()")
    op.execute(PLATFORMS)
    op.execute(ENTERPRISES)
    op.execute(PROJECTS)


def downgrade() -> None:
    op.execute(PREVIOUS_PROJECTS)
    op.execute(PREVIOUS_ENTERPRISES)
    op.execute(PREVIOUS_PLATFORMS)
    op.execute(DROP_ENTITY_ARTICLES)
    op.drop_index(op.f("ix_entity_articles_source_id"), table_name="entity_articles")
    op.drop_table("entity_articles")
