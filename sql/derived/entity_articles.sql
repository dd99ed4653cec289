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
