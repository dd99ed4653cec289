"""Create reporting.projects, reporting.enterprises and reporting.designations.

Why: project registers, company directories and honour lists are what analysts
build first from the articles; these views give them one row per project,
enterprise and subject × designation × year. This revision carries its own copy
of each view's SQL (current definitions in sql/).

Revision ID: 0006
Revises: 0005
Created: 2026-11-22 03:30:00
"""
from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

PROJECTS = r"""
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

ENTERPRISES = r"""
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

DESIGNATIONS = r"""
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
sourced_designations AS (
    SELECT sd.*,
           s.source_key,
           s.published_on
    FROM subject_designations AS sd
    JOIN public.sources AS s ON s.id = sd.source_id
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
"""

# In dependency order: a view comes after the views it reads.
VIEWS = {"projects": PROJECTS, "enterprises": ENTERPRISES, "designations": DESIGNATIONS}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(sql)
        op.execute(f"GRANT SELECT ON reporting.{name} TO parkdb_reader")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS reporting.{name}")
