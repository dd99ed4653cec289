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
