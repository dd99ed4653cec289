"""Create reporting.platform_tree and reporting.platforms.

Why: analysts ask per platform ("everything on 城西科创大走廊", "how much is planned
in 未来科技城") and should not have to walk parent_id or count rows themselves.
This revision carries its own copy of each view's SQL (current definitions live
in sql/), so later redefinitions never change what it does.

Revision ID: 0004
Revises: 0003
Created: 2026-11-22 03:10:00
"""
from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PLATFORM_TREE = r"""
-- reporting.platform_tree: one row per ancestor × descendant platform, depth 0 included.
-- The platform hierarchy flattened, so "everything on 城西科创大走廊" is one filter:
--   select descendant_name from reporting.platform_tree where ancestor_name = '城西科创大走廊';
-- Cycle-safe: a parent_id loop stops where it would revisit a platform.
CREATE OR REPLACE VIEW reporting.platform_tree AS
WITH RECURSIVE descendants AS (
    SELECT p.id AS ancestor_id,
           p.id AS descendant_id,
           0 AS depth
    FROM public.platforms AS p
    UNION ALL
    SELECT d.ancestor_id,
           child.id,
           d.depth + 1
    FROM descendants AS d
    JOIN public.platforms AS child ON child.parent_id = d.descendant_id
) CYCLE descendant_id SET is_cycle USING visited,
named_pairs AS (
    SELECT a.name AS ancestor_name,
           a.kind AS ancestor_kind,
           c.name AS descendant_name,
           c.kind AS descendant_kind,
           d.depth
    FROM descendants AS d
    JOIN public.platforms AS a ON a.id = d.ancestor_id
    JOIN public.platforms AS c ON c.id = d.descendant_id
    WHERE NOT d.is_cycle
)
SELECT ancestor_name,
       ancestor_kind,
       descendant_name,
       descendant_kind,
       depth
FROM named_pairs;

COMMENT ON VIEW reporting.platform_tree IS
    'One row per ancestor × descendant platform, including each platform as its own ancestor at depth 0: filter on ancestor_name to get everything on a corridor or in a zone. Cycles in parent_id are cut where they would repeat a platform.';
COMMENT ON COLUMN reporting.platform_tree.ancestor_name IS 'The enclosing platform (the corridor or zone you filter on).';
COMMENT ON COLUMN reporting.platform_tree.ancestor_kind IS 'corridor, zone, park or incubator.';
COMMENT ON COLUMN reporting.platform_tree.descendant_name IS 'A platform that lies within or on the ancestor (the ancestor itself at depth 0).';
COMMENT ON COLUMN reporting.platform_tree.descendant_kind IS 'corridor, zone, park or incubator.';
COMMENT ON COLUMN reporting.platform_tree.depth IS 'Steps down the hierarchy from ancestor to descendant: 0 self, 1 child, 2 grandchild, ...';
"""

PLATFORMS = r"""
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

# In dependency order: a view comes after the views it reads.
VIEWS = {"platform_tree": PLATFORM_TREE, "platforms": PLATFORMS}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(sql)
        op.execute(f"GRANT SELECT ON reporting.{name} TO parkdb_reader")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS reporting.{name}")
