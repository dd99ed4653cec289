-- public.fact_series: one row per subject × metric × period, kept by triggers.
-- reporting.metric_series, latest_metrics, platform_comparison and fact_conflicts
-- read it instead of ranking every fact of a subject at query time (which fact a
-- series shows: an exact figure before a bound, then the latest article): the busiest
-- platform of a 100,000-article database has over 100,000 facts but about 2,400
-- series rows (bench/RESULTS.md).
--
-- Only facts the reporting views show count (public.fact_is_shown: not rejected by
-- an analyst, not a low-confidence candidate).
--
-- public.fact_series_computed is the definition: what fact_series must hold,
-- computed from facts and sources. Triggers on facts (insert, update, delete,
-- truncate) and on sources (a changed publication date) recompute the rows of
-- exactly the series keys a statement touched, in the same transaction, so the
-- table is never stale and a rolled-back article leaves it as it was.
-- public.rebuild_fact_series() recomputes everything (after a bulk COPY with
-- triggers disabled, or to repair); tests compare the table with the view.

CREATE OR REPLACE VIEW public.fact_series_computed AS
WITH keyed_facts AS (
    -- One branch per subject kind, so a filter on subject_id reaches that kind's
    -- (subject, metric, period_end) index on facts.
    SELECT 'platform'::text AS subject_kind, f.subject_platform_id AS subject_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_platform_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'enterprise'::text, f.subject_enterprise_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_enterprise_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'project'::text, f.subject_project_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_project_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
    UNION ALL
    SELECT 'region'::text, f.subject_region_id, f.metric_id, f.period_kind,
           f.period_start, f.period_end, f.id, f.source_id, f.value, f.unit, f.value_base, f.base_unit,
           f.qualifier
    FROM public.facts AS f
    WHERE f.subject_region_id IS NOT NULL AND public.fact_is_shown(f.review_status, f.confidence)
)
SELECT kf.subject_kind,
       kf.subject_id,
       kf.metric_id,
       kf.period_kind,
       kf.period_start,
       kf.period_end,
       -- An exact figure before a bound or an approximation (超过, 近, 约: qualifier set), then
       -- the latest published article, then the fact stored first.
       (array_agg(kf.id ORDER BY kf.qualifier IS NOT NULL, s.published_on DESC NULLS LAST, kf.id))[1] AS fact_id,
       max(s.published_on) AS published_on,
       count(*) AS fact_count,
       -- A reprint and its original are one story: counted once (sources.reprint_of_id).
       count(DISTINCT coalesce(s.reprint_of_id, kf.source_id)) AS source_count,
       count(DISTINCT (coalesce(kf.base_unit, kf.unit), coalesce(kf.value_base, kf.value))) AS value_count
FROM keyed_facts AS kf
JOIN public.sources AS s ON s.id = kf.source_id
GROUP BY kf.subject_kind, kf.subject_id, kf.metric_id, kf.period_kind, kf.period_start, kf.period_end;

COMMENT ON VIEW public.fact_series_computed IS
    'What public.fact_series must hold, computed from facts and sources: one row per subject × metric × period. Used to rebuild fact_series and to check it.';

-- Recompute the series rows of the given keys (a jsonb array of objects with
-- subject_kind, subject_id, metric_id, period_kind, period_start, period_end).
-- Plans are generic, made once per session: the kind of a key picks one branch of
-- fact_series_computed at run time, and the key is an index range on that kind's
-- facts (subject, metric, period_end); dated and undated periods have a statement
-- each, since "period_end = null" matches nothing and an OR would reach no index.
-- The transaction lock serialises writers of fact_series: a second writer waits
-- for the first to commit and then recomputes from both articles' facts.
CREATE OR REPLACE FUNCTION public.refresh_fact_series(keys jsonb) RETURNS void
LANGUAGE plpgsql
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    k record;
BEGIN
    IF keys IS NULL OR jsonb_array_length(keys) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('public.fact_series'));
    FOR k IN
        SELECT DISTINCT *
        FROM jsonb_to_recordset(keys) AS x(subject_kind text, subject_id bigint, metric_id bigint,
                                           period_kind text, period_start date, period_end date)
    LOOP
        DELETE FROM public.fact_series AS fs
        WHERE fs.subject_kind = k.subject_kind
          AND fs.subject_id = k.subject_id
          AND fs.metric_id = k.metric_id
          AND fs.period_kind = k.period_kind
          AND fs.period_start IS NOT DISTINCT FROM k.period_start
          AND fs.period_end IS NOT DISTINCT FROM k.period_end;
        IF k.period_end IS NOT NULL THEN
            INSERT INTO public.fact_series (subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
                                            fact_id, published_on, fact_count, source_count, value_count)
            SELECT c.subject_kind, c.subject_id, c.metric_id, c.period_kind, c.period_start, c.period_end,
                   c.fact_id, c.published_on, c.fact_count, c.source_count, c.value_count
            FROM public.fact_series_computed AS c
            WHERE c.subject_kind = k.subject_kind
              AND c.subject_id = k.subject_id
              AND c.metric_id = k.metric_id
              AND c.period_end = k.period_end
              AND c.period_kind = k.period_kind
              AND c.period_start IS NOT DISTINCT FROM k.period_start;
        ELSE
            INSERT INTO public.fact_series (subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
                                            fact_id, published_on, fact_count, source_count, value_count)
            SELECT c.subject_kind, c.subject_id, c.metric_id, c.period_kind, c.period_start, c.period_end,
                   c.fact_id, c.published_on, c.fact_count, c.source_count, c.value_count
            FROM public.fact_series_computed AS c
            WHERE c.subject_kind = k.subject_kind
              AND c.subject_id = k.subject_id
              AND c.metric_id = k.metric_id
              AND c.period_end IS NULL
              AND c.period_kind = k.period_kind
              AND c.period_start IS NULL;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION public.refresh_fact_series(jsonb) IS
    'Recompute the public.fact_series rows of the given series keys from facts (called by the triggers on facts and sources).';

-- Everything from scratch: for bulk loads that bypass triggers, and for repairs.
CREATE OR REPLACE FUNCTION public.rebuild_fact_series() RETURNS bigint
LANGUAGE plpgsql
AS $$
DECLARE
    written bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('public.fact_series'));
    DELETE FROM public.fact_series;
    INSERT INTO public.fact_series (subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
                                    fact_id, published_on, fact_count, source_count, value_count)
    SELECT subject_kind, subject_id, metric_id, period_kind, period_start, period_end,
           fact_id, published_on, fact_count, source_count, value_count
    FROM public.fact_series_computed;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

COMMENT ON FUNCTION public.rebuild_fact_series() IS
    'Recompute all of public.fact_series from facts; returns the number of series rows.';

-- The series key of a fact, as refresh_fact_series takes it.
CREATE OR REPLACE FUNCTION public.fact_series_key(f public.facts) RETURNS jsonb
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT jsonb_build_object(
        'subject_kind', f.subject_kind,
        'subject_id', coalesce(f.subject_platform_id, f.subject_enterprise_id, f.subject_project_id,
                               f.subject_region_id),
        'metric_id', f.metric_id,
        'period_kind', f.period_kind,
        'period_start', f.period_start,
        'period_end', f.period_end)
$$;

-- Refresh the series keys a statement on facts touched. Each trigger has its own
-- compiled copy of this function, so a branch naming a transition table the
-- trigger does not have is never planned. An update refreshes only the keys of
-- rows whose key, value, qualifier or visibility changed: confirming a confident fact (an
-- analyst's judgement) changes no series.
CREATE OR REPLACE FUNCTION public.facts_refresh_fact_series() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM public.refresh_fact_series((
            SELECT jsonb_agg(DISTINCT x.k)
            FROM old_facts AS o
            JOIN new_facts AS n ON n.id = o.id
            CROSS JOIN LATERAL (VALUES (public.fact_series_key(o)), (public.fact_series_key(n))) AS x(k)
            WHERE (public.fact_series_key(o), o.source_id, o.value, o.unit, o.value_base, o.base_unit, o.qualifier,
                   public.fact_is_shown(o.review_status, o.confidence))
                  IS DISTINCT FROM
                  (public.fact_series_key(n), n.source_id, n.value, n.unit, n.value_base, n.base_unit, n.qualifier,
                   public.fact_is_shown(n.review_status, n.confidence))));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM public.refresh_fact_series((SELECT jsonb_agg(DISTINCT public.fact_series_key(o)) FROM old_facts AS o));
    ELSE
        PERFORM public.refresh_fact_series((SELECT jsonb_agg(DISTINCT public.fact_series_key(n)) FROM new_facts AS n));
    END IF;
    RETURN NULL;
END;
$$;

-- A source's publication date decides which fact each of its series shows; whether it
-- is a reprint decides how many stories report them.
CREATE OR REPLACE FUNCTION public.sources_refresh_fact_series() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    PERFORM public.refresh_fact_series((SELECT jsonb_agg(DISTINCT public.fact_series_key(f))
                                        FROM public.facts AS f
                                        WHERE f.source_id = NEW.id));
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION public.facts_truncate_fact_series() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM public.fact_series;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER facts_inserted_refresh_fact_series
    AFTER INSERT ON public.facts REFERENCING NEW TABLE AS new_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_refresh_fact_series();
CREATE OR REPLACE TRIGGER facts_updated_refresh_fact_series
    AFTER UPDATE ON public.facts REFERENCING OLD TABLE AS old_facts NEW TABLE AS new_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_refresh_fact_series();
CREATE OR REPLACE TRIGGER facts_deleted_refresh_fact_series
    AFTER DELETE ON public.facts REFERENCING OLD TABLE AS old_facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_refresh_fact_series();
CREATE OR REPLACE TRIGGER facts_truncated_empty_fact_series
    AFTER TRUNCATE ON public.facts
    FOR EACH STATEMENT EXECUTE FUNCTION public.facts_truncate_fact_series();
CREATE OR REPLACE TRIGGER sources_dated_refresh_fact_series
    AFTER UPDATE OF published_on ON public.sources
    FOR EACH ROW WHEN (OLD.published_on IS DISTINCT FROM NEW.published_on)
    EXECUTE FUNCTION public.sources_refresh_fact_series();
CREATE OR REPLACE TRIGGER sources_reprinted_refresh_fact_series
    AFTER UPDATE OF reprint_of_id ON public.sources
    FOR EACH ROW WHEN (OLD.reprint_of_id IS DISTINCT FROM NEW.reprint_of_id)
    EXECUTE FUNCTION public.sources_refresh_fact_series();
