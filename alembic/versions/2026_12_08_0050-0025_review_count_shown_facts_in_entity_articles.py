"""Count in entity_articles only the facts the reporting views show, and move counts only when that changes.

Why: facts now include rejected ones and candidates under the confidence threshold
(0021, 0023), which the directory views (platforms, enterprises, projects: fact_count)
must not count, as reporting.facts does not show them. And analysts' judgements are
applied by updating facts: a confirmation or a new value leaves a fact's subject,
article and visibility as they were, yet the trigger subtracted and added every
updated fact again, two upserts each; with 1,000 judgements present that was most of
what applying them added to a load (bench/RESULTS.md). entity_articles is rebuilt.
Downgrade restores the 0013 definitions.

Revision ID: 0025_review_entity_articles
Revises: 0024_review_views
Created: 2026-12-08 00:50:00
"""
from __future__ import annotations

from alembic import op

revision = "0025_review_entity_articles"
down_revision = "0024_review_views"
branch_labels = None
depends_on = None

ENTITY_ARTICLES_COMPUTED = r"""
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
    WHERE public.fact_is_shown(f.review_status, f.confidence)  -- the facts the reporting views show
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
"""

FACTS_COUNT_ENTITY_ARTICLES = r"""
CREATE OR REPLACE FUNCTION public.facts_count_entity_articles() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- Only facts whose subject, article or visibility changed move between rows (an
        -- analyst's confirmation or change of value moves none; a rejection takes one away).
        PERFORM public.count_entity_articles((
            SELECT jsonb_agg(jsonb_build_object('entity_kind', c.subject_kind, 'entity_id', c.subject_id,
                                                'source_id', c.source_id, 'mentions', 0, 'facts', c.n))
            FROM (SELECT x.subject_kind, x.subject_id, x.source_id, sum(x.n) AS n
                  FROM old_facts AS o
                  JOIN new_facts AS nf ON nf.id = o.id
                  CROSS JOIN LATERAL (VALUES
                      (o.subject_kind, coalesce(o.subject_platform_id, o.subject_enterprise_id,
                                                o.subject_project_id, o.subject_region_id), o.source_id,
                       CASE WHEN public.fact_is_shown(o.review_status, o.confidence) THEN -1 ELSE 0 END),
                      (nf.subject_kind, coalesce(nf.subject_platform_id, nf.subject_enterprise_id,
                                                 nf.subject_project_id, nf.subject_region_id), nf.source_id,
                       CASE WHEN public.fact_is_shown(nf.review_status, nf.confidence) THEN 1 ELSE 0 END))
                      AS x(subject_kind, subject_id, source_id, n)
                  WHERE (o.subject_kind, o.subject_platform_id, o.subject_enterprise_id, o.subject_project_id,
                         o.subject_region_id, o.source_id, public.fact_is_shown(o.review_status, o.confidence))
                        IS DISTINCT FROM
                        (nf.subject_kind, nf.subject_platform_id, nf.subject_enterprise_id, nf.subject_project_id,
                         nf.subject_region_id, nf.source_id, public.fact_is_shown(nf.review_status, nf.confidence))
                    AND x.n <> 0
                  GROUP BY 1, 2, 3) AS c));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM public.count_entity_articles((
            SELECT jsonb_agg(jsonb_build_object('entity_kind', c.subject_kind, 'entity_id', c.subject_id,
                                                'source_id', c.source_id, 'mentions', 0, 'facts', -c.n))
            FROM (SELECT o.subject_kind,
                         coalesce(o.subject_platform_id, o.subject_enterprise_id, o.subject_project_id,
                                  o.subject_region_id) AS subject_id,
                         o.source_id, count(*) AS n
                  FROM old_facts AS o
                  WHERE public.fact_is_shown(o.review_status, o.confidence)
                  GROUP BY 1, 2, 3) AS c));
    ELSE
        PERFORM public.count_entity_articles((
            SELECT jsonb_agg(jsonb_build_object('entity_kind', c.subject_kind, 'entity_id', c.subject_id,
                                                'source_id', c.source_id, 'mentions', 0, 'facts', c.n))
            FROM (SELECT n.subject_kind,
                         coalesce(n.subject_platform_id, n.subject_enterprise_id, n.subject_project_id,
                                  n.subject_region_id) AS subject_id,
                         n.source_id, count(*) AS n
                  FROM new_facts AS n
                  WHERE public.fact_is_shown(n.review_status, n.confidence)
                  GROUP BY 1, 2, 3) AS c));
    END IF;
    RETURN NULL;
END;
$$;
"""

# As revision 0013 created them; downgrade restores them.
PREVIOUS_ENTITY_ARTICLES_COMPUTED = r"""
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
"""

PREVIOUS_FACTS_COUNT_ENTITY_ARTICLES = r"""
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
"""


def upgrade() -> None:
    op.execute(ENTITY_ARTICLES_COMPUTED)
    op.execute(FACTS_COUNT_ENTITY_ARTICLES)
    op.execute("SELECT public.rebuild_entity_articles()")


def downgrade() -> None:
    op.execute(PREVIOUS_ENTITY_ARTICLES_COMPUTED)
    op.execute(PREVIOUS_FACTS_COUNT_ENTITY_ARTICLES)
    op.execute("SELECT public.rebuild_entity_articles()")
