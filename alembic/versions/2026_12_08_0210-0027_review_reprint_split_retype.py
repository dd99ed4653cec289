"""Judge what is what: an article that reprints another, an entity that is two, an entity of the wrong kind.

Why: issue 12's remaining judgements. reprint (its figures count once with the
original's: sources.reprint_of_id, revision 0026), split (some names of an entity are
another entity: undoing a merge for those names, or splitting what the extractor
merged) and retype (a platform that is really an enterprise, ...) are rows of
review.judgements like the others: checked when written (review.check_structural),
applied at once and after every load, undone by setting undone_at, listed in
reporting.orphaned_judgements when their target is gone (sql/review/structure.sql).
Downgrade refuses while such judgements exist and restores the 0023/0024 definitions.

Revision ID: 0027_review_reprint_split_retype
Revises: 0026_review_conflicts_by_series
Created: 2026-12-08 02:10:00
"""
from __future__ import annotations

from alembic import op

revision = "0027_review_reprint_split_retype"
down_revision = "0026_review_conflicts_by_series"
branch_labels = None
depends_on = None

ACTIONS = ("reject", "confirm", "set", "add", "source_set", "merge", "rename", "alias_add", "alias_drop", "entity_set")
NEW_ACTIONS = ("reprint", "split", "retype")
TARGET = """CASE
        WHEN action IN ('reject', 'confirm', 'set', 'add') THEN source_key IS NOT NULL AND fact_key IS NOT NULL
        WHEN action IN ({}) THEN source_key IS NOT NULL
        ELSE entity_kind IS NOT NULL AND entity_key IS NOT NULL END"""

STRUCTURE = r"""
-- review: judgements about what is what: an article that reprints another (reprint),
-- an entity that is really two (split), an entity of the wrong kind (retype).
--
-- Like the other judgements (sql/review/judgements.sql) each is a row of
-- review.judgements, checked when written (review.check_structural, called by
-- review.check_judgement), applied at once, applied again after every load, and
-- undone by setting undone_at.
--   reprint  source_key reprints changes.of: sources.reprint_of_id, so the story's
--            figures count once (fact_series.source_count, fact_conflicts.story_count).
--            Applied per article (review.apply_reprints, from
--            review.apply_article_judgements), so it follows either article's reload.
--   split    the names changes.names (aliases of entity_key) are another entity of the
--            same kind, changes.name, with key changes.new_key: the key of the entity a
--            standing merge folded in when one of its names goes (undoing that merge for
--            those names), else a new one. Applied with the entity judgements at the end
--            of every load run: the loader finds the new entity by those names, and
--            mentions it still gives the old one are moved by their surface form.
--   retype   the entity (entity_kind, entity_key) is of kind changes.kind: its names,
--            mentions, facts and designations move to an entity of that kind (one with
--            one of its names, changes.target_key, else a new one with its key), and an
--            entity the loader makes again under the old kind with one of its names is
--            moved too.

-- A reprint, split or retype judgement before it is written: the changes it may carry, its
-- target, and what applying and undoing it need (filled in here). Raises with a one-line
-- message when it cannot stand.
CREATE OR REPLACE FUNCTION review.check_structural(j review.judgements) RETURNS review.judgements
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := coalesce(j.changes, '{}'::jsonb);
    field text;
    allowed text[];
    eid bigint;
    other review.judgements;
    names text[];
    current_name text;
    n integer;
    tab text;
    new_tab text;
BEGIN
    allowed := CASE j.action WHEN 'reprint' THEN ARRAY['of']
                             WHEN 'split' THEN ARRAY['names', 'name', 'new_key']
                             ELSE ARRAY['kind', 'platform_kind', 'names', 'target_key', 'target_names', 'old'] END;
    FOR field IN SELECT jsonb_object_keys(c) LOOP
        IF NOT field = ANY (allowed) THEN
            RAISE EXCEPTION 'a % judgement cannot change %', j.action, field
                USING HINT = format('it may change: %s', array_to_string(allowed, ', '));
        END IF;
    END LOOP;

    IF j.action = 'reprint' THEN
        IF NOT EXISTS (SELECT 1 FROM public.sources AS s WHERE s.source_key = j.source_key) THEN
            RAISE EXCEPTION 'no article with source_key % (reporting.sources lists them)', j.source_key;
        ELSIF coalesce(c ->> 'of', '') = '' THEN
            RAISE EXCEPTION 'a reprint judgement needs the article it reprints (of)';
        ELSIF NOT EXISTS (SELECT 1 FROM public.sources AS s WHERE s.source_key = c ->> 'of') THEN
            RAISE EXCEPTION 'no article with source_key % (reporting.sources lists them)', c ->> 'of';
        ELSIF c ->> 'of' = j.source_key THEN
            RAISE EXCEPTION 'an article is not a reprint of itself';
        END IF;
        SELECT * INTO other FROM review.judgements AS rj
        WHERE rj.undone_at IS NULL AND rj.action = 'reprint' AND rj.source_key = j.source_key;
        IF FOUND THEN
            RAISE EXCEPTION 'this reprint contradicts or repeats judgement % (reprint of % by % on %); undo that one first',
                other.id, other.changes ->> 'of', other.made_by, other.made_at::date
                USING HINT = format('parkdb review undo %s', other.id);
        END IF;
        SELECT * INTO other FROM review.judgements AS rj
        WHERE rj.undone_at IS NULL AND rj.action = 'reprint' AND rj.changes ->> 'of' = j.source_key LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION '% is the original that % reprints (judgement %): an original is not a reprint; undo that one first',
                j.source_key, other.source_key, other.id;
        END IF;
        SELECT * INTO other FROM review.judgements AS rj
        WHERE rj.undone_at IS NULL AND rj.action = 'reprint' AND rj.source_key = c ->> 'of';
        IF FOUND THEN
            RAISE EXCEPTION '% is itself a reprint of % (judgement %): mark % as a reprint of % instead',
                c ->> 'of', other.changes ->> 'of', other.id, j.source_key, other.changes ->> 'of';
        END IF;
        j.changes := c;
        RETURN j;
    END IF;

    -- split and retype: an entity, given by its key (and kind).
    IF j.entity_kind IS NULL THEN
        SELECT k INTO j.entity_kind FROM unnest(ARRAY['platform', 'enterprise', 'project', 'institution']) AS k
        WHERE review.entity_id(k, j.entity_key) IS NOT NULL LIMIT 1;
    END IF;
    eid := review.entity_id(j.entity_kind, j.entity_key);
    IF eid IS NULL THEN
        RAISE EXCEPTION 'no entity with entity_key % (reporting.entity_mentions shows them)', j.entity_key;
    END IF;
    tab := j.entity_kind || 's';
    EXECUTE format('SELECT name FROM public.%I WHERE id = $1', tab) INTO current_name USING eid;

    IF j.action = 'split' THEN
        IF jsonb_typeof(c -> 'names') IS DISTINCT FROM 'array' OR jsonb_array_length(c -> 'names') = 0 THEN
            RAISE EXCEPTION 'a split needs the names that go to the other entity (names)';
        END IF;
        names := ARRAY(SELECT DISTINCT x FROM jsonb_array_elements_text(c -> 'names') AS x);
        IF current_name = ANY (names) THEN
            RAISE EXCEPTION '% is the canonical name of the %: rename it first, then split the other names off',
                current_name, j.entity_kind;
        END IF;
        EXECUTE format('SELECT count(*) FROM public.%I WHERE %I = $1 AND alias = ANY ($2)',
                       j.entity_kind || '_aliases', j.entity_kind || '_id') INTO n USING eid, names;
        IF n < cardinality(names) THEN
            RAISE EXCEPTION 'not every name of % is an alias of % (reporting.% lists its aliases)',
                array_to_string(names, ', '), current_name, tab;
        END IF;
        c := c || jsonb_build_object('name', coalesce(c ->> 'name', c -> 'names' ->> 0));
        IF NOT (c ->> 'name' = ANY (names)) THEN
            RAISE EXCEPTION 'the new entity''s name % is not one of the names split off', c ->> 'name';
        END IF;
        IF NOT c ? 'new_key' THEN
            -- Undoing a merge for these names: the folded-in entity comes back under its own key.
            SELECT rj.other_entity_key INTO field FROM review.judgements AS rj
            WHERE rj.undone_at IS NULL AND rj.action = 'merge' AND rj.entity_kind = j.entity_kind
              AND review.entity_id(rj.entity_kind, rj.entity_key) = eid
              AND rj.other_entity_key IN (SELECT public.entity_key(j.entity_kind, x) FROM unnest(names) AS x)
            ORDER BY rj.id DESC LIMIT 1;
            c := c || jsonb_build_object('new_key', coalesce(field, public.entity_key(j.entity_kind, c ->> 'name')));
        END IF;
        EXECUTE format('SELECT count(*) FROM public.%I WHERE entity_key = $1', tab) INTO n USING c ->> 'new_key';
        IF n > 0 THEN  -- the name's own key is taken (the entity was first stored under it)
            c := c || jsonb_build_object('new_key', (c ->> 'new_key') || ':' || j.id);
        END IF;
        j.changes := c;
        RETURN j;
    END IF;

    -- retype
    IF coalesce(c ->> 'kind', '') NOT IN ('platform', 'enterprise', 'project', 'institution') THEN
        RAISE EXCEPTION 'an entity''s kind is platform, enterprise, project or institution, not %', c ->> 'kind';
    ELSIF c ->> 'kind' = j.entity_kind THEN
        RAISE EXCEPTION '% is a % already', current_name, j.entity_kind;
    ELSIF c ? 'platform_kind' AND (c ->> 'kind' <> 'platform'
                                   OR coalesce(c ->> 'platform_kind', '') NOT IN ('corridor', 'zone', 'park', 'incubator')) THEN
        RAISE EXCEPTION 'platform_kind (corridor, zone, park or incubator) is for an entity that becomes a platform';
    END IF;
    IF c ->> 'kind' = 'institution' AND j.entity_kind <> 'institution' THEN
        EXECUTE format('SELECT count(*) FROM public.facts WHERE %I = $1', 'subject_' || j.entity_kind || '_id')
            INTO n USING eid;
        IF n > 0 THEN
            RAISE EXCEPTION 'an institution is no fact subject, and % is the subject of % facts: reject them or change their subject first',
                current_name, n;
        END IF;
    END IF;
    EXECUTE format('SELECT array_agg(x) FROM (SELECT name AS x FROM public.%I WHERE id = $1'
                   ' UNION SELECT alias FROM public.%I WHERE %I = $1) AS names',
                   tab, j.entity_kind || '_aliases', j.entity_kind || '_id') INTO names USING eid;
    new_tab := (c ->> 'kind') || 's';
    -- An entity of the new kind with one of its names absorbs it.
    EXECUTE format('SELECT e.entity_key FROM public.%I AS e WHERE e.name = ANY ($1)'
                   ' UNION ALL SELECT e.entity_key FROM public.%I AS e JOIN public.%I AS a ON a.%I = e.id'
                   ' WHERE a.alias = ANY ($1) LIMIT 1', new_tab, new_tab, (c ->> 'kind') || '_aliases', (c ->> 'kind') || '_id')
        INTO field USING names;
    c := c || jsonb_build_object('names', to_jsonb(names), 'target_key', coalesce(field, j.entity_key),
                                 'old', review.entity_attributes(j.entity_kind, eid));
    IF field IS NOT NULL THEN
        c := c || jsonb_build_object('target_names', to_jsonb(review.entity_names(c ->> 'kind', review.entity_id(c ->> 'kind', field))));
    END IF;
    j.changes := c;
    RETURN j;
END;
$$;

-- An entity's name and aliases.
CREATE OR REPLACE FUNCTION review.entity_names(kind text, eid bigint) RETURNS text[]
LANGUAGE plpgsql
STABLE
SET search_path = pg_catalog, public
AS $$
DECLARE
    names text[];
BEGIN
    EXECUTE format('SELECT array_agg(x ORDER BY x) FROM (SELECT name AS x FROM public.%I WHERE id = $1'
                   ' UNION SELECT alias FROM public.%I WHERE %I = $1) AS n', kind || 's', kind || '_aliases', kind || '_id')
        INTO names USING eid;
    RETURN coalesce(names, '{}');
END;
$$;

-- What an entity says besides its names (a platform's kind, parent and district; the platform
-- an enterprise or project is on; a project's enterprise, investment and status), with the
-- entities it points at given by key, so undoing a retype can put it back.
CREATE OR REPLACE FUNCTION review.entity_attributes(kind text, eid bigint) RETURNS jsonb
LANGUAGE sql
STABLE
SET search_path = pg_catalog, public
AS $$
    SELECT CASE kind
        WHEN 'platform' THEN (SELECT jsonb_build_object('kind', p.kind, 'district', p.district,
                                                        'platform_key', pp.entity_key)
                              FROM public.platforms AS p LEFT JOIN public.platforms AS pp ON pp.id = p.parent_id
                              WHERE p.id = eid)
        WHEN 'enterprise' THEN (SELECT jsonb_build_object('platform_key', pl.entity_key)
                                FROM public.enterprises AS e LEFT JOIN public.platforms AS pl ON pl.id = e.platform_id
                                WHERE e.id = eid)
        WHEN 'project' THEN (SELECT jsonb_build_object('platform_key', pl.entity_key, 'enterprise_key', en.entity_key,
                                                       'investment_yuan', pr.investment_yuan, 'status', pr.status)
                             FROM public.projects AS pr
                             LEFT JOIN public.platforms AS pl ON pl.id = pr.platform_id
                             LEFT JOIN public.enterprises AS en ON en.id = pr.enterprise_id
                             WHERE pr.id = eid)
        ELSE '{}'::jsonb END
$$;

-- A new entity of a kind with a name and key, taking what it can of attributes (see
-- entity_attributes: the platform an enterprise is on becomes a platform's parent, and back).
CREATE OR REPLACE FUNCTION review.create_entity(kind text, entity_name text, key text, attrs jsonb) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    a jsonb := coalesce(attrs, '{}'::jsonb);
    platform bigint := review.entity_id('platform', a ->> 'platform_key');
    new_id bigint;
BEGIN
    CASE kind
        WHEN 'platform' THEN
            INSERT INTO public.platforms (name, entity_key, kind, district, parent_id)
            VALUES (entity_name, key, coalesce(a ->> 'platform_kind', a ->> 'kind', 'park'), a ->> 'district', platform)
            RETURNING id INTO new_id;
        WHEN 'enterprise' THEN
            INSERT INTO public.enterprises (name, entity_key, platform_id) VALUES (entity_name, key, platform)
            RETURNING id INTO new_id;
        WHEN 'project' THEN
            INSERT INTO public.projects (name, entity_key, platform_id, enterprise_id, investment_yuan, status)
            VALUES (entity_name, key, platform, review.entity_id('enterprise', a ->> 'enterprise_key'),
                    (a ->> 'investment_yuan')::numeric, a ->> 'status')
            RETURNING id INTO new_id;
        ELSE
            INSERT INTO public.institutions (name, entity_key) VALUES (entity_name, key) RETURNING id INTO new_id;
    END CASE;
    RETURN new_id;
END;
$$;

-- Point one article row set (mentions, facts and their extracted values, designations) of an
-- entity at another, possibly of another kind. which: a condition on the rows, with $1 the
-- old entity's id (always true for a whole entity). Mentions a mention of the new kind
-- already covers (same article and span) go.
CREATE OR REPLACE FUNCTION review.repoint_rows(from_kind text, from_id bigint, to_kind text, to_id bigint,
                                               mention_filter text, fact_filter text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    from_col text := from_kind || '_id';
    to_col text := to_kind || '_id';
    -- The id columns to set: the old kind's cleared unless it is the new kind's too.
    ids text := CASE WHEN from_kind = to_kind THEN format('%I = $2', to_col)
                     ELSE format('%I = NULL, %I = $2', from_col, to_col) END;
    subject_ids text := CASE WHEN from_kind = to_kind THEN format('%I = $2', 'subject_' || to_col)
                             ELSE format('%I = NULL, %I = $2', 'subject_' || from_col, 'subject_' || to_col) END;
BEGIN
    IF from_kind <> to_kind THEN
        EXECUTE format('DELETE FROM public.entity_mentions AS m WHERE m.%I = $1 AND (%s) AND EXISTS ('
                       'SELECT 1 FROM public.entity_mentions AS o WHERE o.source_id = m.source_id'
                       ' AND o.entity_kind = $2 AND o.char_start = m.char_start AND o.char_end = m.char_end)',
                       from_col, mention_filter) USING from_id, to_kind;
    END IF;
    EXECUTE format('UPDATE public.entity_mentions AS m SET entity_kind = $3, %s WHERE m.%I = $1 AND (%s)',
                   ids, from_col, mention_filter) USING from_id, to_id, to_kind;
    IF from_kind <> 'institution' AND to_kind <> 'institution' THEN
        EXECUTE format('UPDATE public.facts AS f SET subject_kind = $3, %s WHERE f.%I = $1 AND (%s)',
                       subject_ids, 'subject_' || from_col, fact_filter) USING from_id, to_id, to_kind;
        -- A corrected fact is put back to its extracted values before judgements apply again.
        EXECUTE format('UPDATE public.facts AS f SET extracted = f.extracted'
                       ' || jsonb_build_object(%L, $3::text, %L, NULL::bigint) || jsonb_build_object(%L, $2::bigint)'
                       ' WHERE (f.extracted ->> %L)::bigint = $1 AND (%s)',
                       'subject_kind', 'subject_' || from_col, 'subject_' || to_col, 'subject_' || from_col, fact_filter)
            USING from_id, to_id, to_kind;
    END IF;
    EXECUTE format('UPDATE public.designations AS f SET subject_kind = $3, %s WHERE f.%I = $1 AND (%s)',
                   ids, from_col, fact_filter) USING from_id, to_id, to_kind;
END;
$$;

-- The condition on facts and designations (alias f) of an entity that go with the names moved:
-- those of articles where the entity keeps no mention but the other has one, and those whose
-- quote names one of the names moved and none of the names it keeps.
CREATE OR REPLACE FUNCTION review.named_rows_filter(from_kind text, to_kind text, to_id bigint, moved text[],
                                                    kept text[]) RETURNS text
LANGUAGE sql
IMMUTABLE
AS $$
    SELECT format('(NOT EXISTS (SELECT 1 FROM public.entity_mentions AS m1 WHERE m1.%1$I = $1 AND m1.source_id = f.source_id)'
                  ' AND EXISTS (SELECT 1 FROM public.entity_mentions AS m2 WHERE m2.%2$I = %3$s AND m2.source_id = f.source_id))'
                  ' OR (EXISTS (SELECT 1 FROM unnest(%4$L::text[]) AS x WHERE strpos(f.quote, x) > 0)'
                  ' AND NOT EXISTS (SELECT 1 FROM unnest(%5$L::text[]) AS x WHERE strpos(f.quote, x) > 0))',
                  from_kind || '_id', to_kind || '_id', to_id, moved, kept)
$$;

-- Move some names of an entity, with the mentions written in them and the facts and
-- designations that go with them (named_rows_filter), to another entity.
CREATE OR REPLACE FUNCTION review.move_names(from_kind text, from_id bigint, to_kind text, to_id bigint,
                                             names text[]) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    bare text[] := ARRAY(SELECT regexp_replace(x, '^杭州市?', '') FROM unnest(names) AS x);
    kept text[];
BEGIN
    IF from_id IS NULL OR to_id IS NULL THEN
        RETURN;
    END IF;
    EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = ANY ($2)', from_kind || '_aliases', from_kind || '_id')
        USING from_id, names;
    EXECUTE format('INSERT INTO public.%I (%I, alias) SELECT $1, x FROM unnest($2) AS x'
                   ' WHERE x <> (SELECT name FROM public.%I WHERE id = $1) ON CONFLICT (alias) DO NOTHING',
                   to_kind || '_aliases', to_kind || '_id', to_kind || 's') USING to_id, names;
    kept := ARRAY(SELECT x FROM unnest(review.entity_names(from_kind, from_id)) AS x WHERE NOT x = ANY (names));
    PERFORM review.repoint_rows(from_kind, from_id, to_kind, to_id,
                                format('m.surface = ANY (%L::text[]) OR regexp_replace(m.surface, ''^杭州市?'', '''') = ANY (%L::text[])',
                                       names, bare),
                                'false');
    PERFORM review.repoint_rows(from_kind, from_id, to_kind, to_id, 'false',
                                review.named_rows_filter(from_kind, to_kind, to_id, names, kept));
END;
$$;

-- Move everything of an entity to another (of another kind) and delete it; the rows that
-- pointed at it as a parent, platform or enterprise are let go by their foreign keys.
CREATE OR REPLACE FUNCTION review.move_entity(from_kind text, from_id bigint, to_kind text, to_id bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF from_id IS NULL OR to_id IS NULL OR (from_kind = to_kind AND from_id = to_id) THEN
        RETURN;
    END IF;
    EXECUTE format('INSERT INTO public.%I (%I, alias) SELECT $1, x FROM unnest($2) AS x'
                   ' WHERE x <> (SELECT name FROM public.%I WHERE id = $1) ON CONFLICT (alias) DO NOTHING',
                   to_kind || '_aliases', to_kind || '_id', to_kind || 's')
        USING to_id, review.entity_names(from_kind, from_id);
    PERFORM review.repoint_rows(from_kind, from_id, to_kind, to_id, 'true', 'true');
    EXECUTE format('DELETE FROM public.%I WHERE id = $1', from_kind || 's') USING from_id;
END;
$$;

-- A reprint judgement, forwards: the articles it concerns that are stored point at each other.
-- For the article sid: as a reprint (its own judgement) and as an original (others'). One
-- index probe each when there is none.
CREATE OR REPLACE FUNCTION review.apply_reprints(sid bigint, skey text) RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
    UPDATE public.sources AS s
    SET reprint_of_id = (SELECT o.id FROM public.sources AS o WHERE o.source_key = rj.changes ->> 'of')
    FROM review.judgements AS rj
    WHERE s.id = sid AND rj.source_key = skey AND rj.action = 'reprint' AND rj.undone_at IS NULL
      AND s.reprint_of_id IS DISTINCT FROM (SELECT o.id FROM public.sources AS o WHERE o.source_key = rj.changes ->> 'of');
    UPDATE public.sources AS s SET reprint_of_id = sid
    FROM review.judgements AS rj
    WHERE (rj.changes ->> 'of') = skey AND rj.action = 'reprint' AND rj.undone_at IS NULL
      AND s.source_key = rj.source_key AND s.reprint_of_id IS DISTINCT FROM sid;
END;
$$;

-- A split judgement, forwards. Idempotent.
CREATE OR REPLACE FUNCTION review.split_entity(j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    eid bigint := review.entity_id(j.entity_kind, j.entity_key);
    names text[] := ARRAY(SELECT jsonb_array_elements_text(j.changes -> 'names'));
    new_id bigint;
BEGIN
    IF eid IS NULL THEN
        RETURN;  -- orphaned
    END IF;
    EXECUTE format('SELECT id FROM public.%I WHERE entity_key = $1', j.entity_kind || 's') INTO new_id
        USING j.changes ->> 'new_key';
    IF new_id IS NULL THEN
        new_id := review.create_entity(j.entity_kind, j.changes ->> 'name', j.changes ->> 'new_key',
                                       review.entity_attributes(j.entity_kind, eid));
    END IF;
    IF new_id <> eid THEN
        PERFORM review.move_names(j.entity_kind, eid, j.entity_kind, new_id, names);
    END IF;
END;
$$;

-- A retype judgement, forwards. Idempotent: the entity, and any entity of the old kind the
-- loader made again under one of its names, move to the entity of the new kind.
CREATE OR REPLACE FUNCTION review.retype_entity(j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := j.changes;
    to_kind text := c ->> 'kind';
    names text[] := ARRAY(SELECT jsonb_array_elements_text(c -> 'names'));
    target bigint := review.entity_id(c ->> 'kind', c ->> 'target_key');
    e record;
BEGIN
    FOR e IN EXECUTE format(
        'SELECT e.id, e.name FROM public.%I AS e WHERE e.id = $3 OR e.entity_key = $2 OR e.name = ANY ($1)'
        ' OR EXISTS (SELECT 1 FROM public.%I AS a WHERE a.%I = e.id AND a.alias = ANY ($1)) ORDER BY e.id',
        j.entity_kind || 's', j.entity_kind || '_aliases', j.entity_kind || '_id')
        USING names, j.entity_key, review.entity_id(j.entity_kind, j.entity_key)
    LOOP
        IF to_kind = 'institution' AND j.entity_kind <> 'institution' THEN
            CONTINUE WHEN EXISTS (SELECT 1 FROM public.facts AS f
                                  WHERE e.id = CASE j.entity_kind WHEN 'platform' THEN f.subject_platform_id
                                                                  WHEN 'enterprise' THEN f.subject_enterprise_id
                                                                  ELSE f.subject_project_id END);
        END IF;
        IF target IS NULL THEN
            target := review.create_entity(to_kind, e.name, c ->> 'target_key',
                                           review.entity_attributes(j.entity_kind, e.id)
                                           || jsonb_strip_nulls(jsonb_build_object('platform_kind', c ->> 'platform_kind')));
        END IF;
        PERFORM review.move_entity(j.entity_kind, e.id, to_kind, target);
    END LOOP;
END;
$$;

-- Undo a split: the entity split off is folded back (review.merge_entity).
CREATE OR REPLACE FUNCTION review.unsplit_entity(j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    new_id bigint;
BEGIN
    EXECUTE format('SELECT id FROM public.%I WHERE entity_key = $1', j.entity_kind || 's') INTO new_id
        USING j.changes ->> 'new_key';
    PERFORM review.merge_entity(j.entity_kind, new_id, review.entity_id(j.entity_kind, j.entity_key));
END;
$$;

-- Undo a retype: an entity of the old kind again, with its key and attributes. When the retype
-- made the new-kind entity, everything moves back; when it joined one that existed, the names
-- it brought (and what goes with them, review.move_names) move back.
CREATE OR REPLACE FUNCTION review.unretype_entity(j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := j.changes;
    target bigint := review.entity_id(c ->> 'kind', c ->> 'target_key');
    names text[] := ARRAY(SELECT jsonb_array_elements_text(c -> 'names'));
    brought text[];
    target_name text;
    back bigint;
BEGIN
    IF target IS NULL OR review.entity_id(j.entity_kind, j.entity_key) IS NOT NULL THEN
        RETURN;
    END IF;
    IF c ->> 'target_key' = j.entity_key THEN
        EXECUTE format('SELECT name FROM public.%I WHERE id = $1', (c ->> 'kind') || 's') INTO target_name USING target;
        back := review.create_entity(j.entity_kind, target_name, j.entity_key, c -> 'old');
        PERFORM review.move_entity(c ->> 'kind', target, j.entity_kind, back);
    ELSE
        brought := ARRAY(SELECT x FROM unnest(names) AS x
                         WHERE NOT x = ANY (ARRAY(SELECT jsonb_array_elements_text(coalesce(c -> 'target_names', '[]')))));
        IF cardinality(brought) = 0 THEN
            RETURN;  -- it had no name of its own: parkdb review undo reads the articles naming it again
        END IF;
        back := review.create_entity(j.entity_kind, brought[1], j.entity_key, c -> 'old');
        PERFORM review.move_names(c ->> 'kind', target, j.entity_kind, back, brought);
    END IF;
END;
$$;
"""

JUDGEMENTS = r"""
-- review: analysts' judgements of the machine's output, kept beside it and applied
-- on every (re)load (nomenklatura's judgements, Wikidata's ranks and edits).
--
-- review.judgements (created by migration 0023) holds one row per judgement: who,
-- when, why, what it targets and the anchor it was made on. Fact judgements are
-- keyed on the fact's stable key (a hash of the article's identity, the normalised
-- quote, the figure's text within it and an occurrence index; never char offsets or
-- the extractor version) and carry a Web Annotation anchor: a TextQuoteSelector
-- (exact, prefix, suffix) and a TextPositionSelector (start, end), plus the figure.
--
-- Applying is set-based and per article: review.apply_article_judgements(source_id)
-- puts the article's facts back to what the extractor said, then applies the
-- article's active judgements in order (add, set, confirm, reject). The loader
-- calls it at the end of each article's store transaction (one index probe when
-- nothing is judged); a judgement written or undone calls it for its article.
-- Entity judgements (merge, rename, aliases, platform kind/parent/district) are
-- global: applied when written and again at the end of every load run
-- (review.apply_entity_judgements()), because the loader may rename an entity to a
-- fuller form or give an alias back.

-- Which facts the reporting views show: not rejected, and either vouched for by an
-- analyst or at least as confident as the threshold. Inlined by the planner.
CREATE OR REPLACE FUNCTION public.fact_is_shown(review_status text, confidence numeric) RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT review_status <> 'rejected'
       AND (review_status <> 'extracted' OR confidence >= public.fact_confidence_threshold())
$$;

COMMENT ON FUNCTION public.fact_is_shown(text, numeric) IS
    'True for a fact the reporting views show: not rejected, and confirmed, corrected or added by an analyst or at least public.fact_confidence_threshold() confident.';

-- Whitespace does not count in a quote (the same as loaders.store.normalised).
CREATE OR REPLACE FUNCTION review.normalised(t text) RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT regexp_replace(t, E'[ \\t\\n\\r\\f\\v\\u00a0\\u3000]+', '', 'g')
$$;

-- A fact's stable key (the same as loaders.store.fact_key).
CREATE OR REPLACE FUNCTION review.fact_key(source_identity text, quote text, figure text, occurrence text)
RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT left(encode(sha256(convert_to(concat_ws(E'\x1f', 'fact', source_identity, review.normalised(quote),
                                                     review.normalised(figure), occurrence), 'UTF8')), 'hex'), 32)
$$;

COMMENT ON FUNCTION review.fact_key(text, text, text, text) IS
    'A fact''s stable key: a hash of the article''s identity, the normalised quote, the figure''s text within it and which occurrence of the quote it is (loaders.store.fact_key computes the same).';

-- Where an anchor's quote is in an article now (0-based start), or NULL when it is
-- gone. Of several copies, one whose prefix and suffix still match wins, then the
-- one nearest to where the quote was (Web Annotation: TextQuoteSelector refined by
-- TextPositionSelector).
CREATE OR REPLACE FUNCTION review.find_quote(body text, anchor jsonb) RETURNS integer
LANGUAGE plpgsql
IMMUTABLE
AS $$
DECLARE
    quote text := anchor ->> 'exact';
    prefix text := coalesce(anchor ->> 'prefix', '');
    suffix text := coalesce(anchor ->> 'suffix', '');
    wanted integer := coalesce((anchor ->> 'start')::integer, 0);
    pos integer := 0;
    hit integer;
    score bigint;
    best integer;
    best_score bigint;
BEGIN
    IF body IS NULL OR quote IS NULL OR quote = '' THEN
        RETURN NULL;
    END IF;
    LOOP
        hit := strpos(substr(body, pos + 1), quote);
        EXIT WHEN hit = 0;
        hit := pos + hit - 1;
        score := (CASE WHEN right(left(body, hit), char_length(prefix)) = prefix THEN 0 ELSE 1 END
                  + CASE WHEN substr(body, hit + char_length(quote) + 1, char_length(suffix)) = suffix THEN 0 ELSE 1 END)
                 * 100000000 + abs(hit - wanted);
        IF best IS NULL OR score < best_score THEN
            best := hit;
            best_score := score;
        END IF;
        pos := hit + 1;
    END LOOP;
    RETURN best;
END;
$$;

-- The id of the entity of a kind with a key, following merges to the entity that
-- absorbed it; NULL when there is none.
CREATE OR REPLACE FUNCTION review.entity_id(kind text, key text) RETURNS bigint
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    found bigint;
    hops integer := 0;
BEGIN
    IF kind NOT IN ('platform', 'enterprise', 'project', 'institution') THEN
        RETURN NULL;
    END IF;
    LOOP
        EXECUTE format('SELECT id FROM public.%I WHERE entity_key = $1', kind || 's') INTO found USING key;
        IF found IS NOT NULL OR key IS NULL OR hops > 50 THEN
            RETURN found;
        END IF;
        SELECT j.entity_key INTO key
        FROM review.judgements AS j
        WHERE j.action = 'merge' AND j.undone_at IS NULL AND j.entity_kind = kind AND j.other_entity_key = key
        ORDER BY j.id DESC
        LIMIT 1;
        hops := hops + 1;
    END LOOP;
END;
$$;

-- The id of a fact's subject: an entity by key, or a region by name.
CREATE OR REPLACE FUNCTION review.subject_id(kind text, key text, name text) RETURNS bigint
LANGUAGE sql
STABLE
SET search_path = pg_catalog, public
AS $$
    SELECT CASE WHEN kind = 'region' THEN (SELECT r.id FROM public.regions AS r WHERE r.name = subject_id.name)
                ELSE review.entity_id(kind, key) END
$$;

-- A fact as a judgement changes it (set), from its current values.
CREATE OR REPLACE FUNCTION review.set_fact(sid bigint, j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := j.changes;
    kind text;
    subject bigint;
    metric bigint;
BEGIN
    SELECT coalesce(c ->> 'subject_kind', f.subject_kind) INTO kind
    FROM public.facts AS f WHERE f.source_id = sid AND f.fact_key = j.fact_key;
    IF NOT FOUND THEN
        RETURN;  -- orphaned: reporting.orphaned_judgements lists it
    END IF;
    IF c ? 'subject_name' THEN
        subject := review.subject_id(kind, c ->> 'subject_key', c ->> 'subject_name');
        IF subject IS NULL THEN
            RETURN;
        END IF;
    END IF;
    IF c ? 'metric' THEN
        SELECT m.id INTO metric FROM public.metrics AS m WHERE m.name = c ->> 'metric';
        IF metric IS NULL THEN
            RETURN;
        END IF;
    END IF;
    BEGIN
        UPDATE public.facts AS f SET
            extracted = coalesce(f.extracted, to_jsonb(f)),
            review_status = CASE WHEN f.review_status = 'added' THEN 'added' ELSE 'corrected' END,
            subject_kind = kind,
            subject_platform_id = CASE WHEN subject IS NULL THEN f.subject_platform_id
                                       WHEN kind = 'platform' THEN subject END,
            subject_enterprise_id = CASE WHEN subject IS NULL THEN f.subject_enterprise_id
                                         WHEN kind = 'enterprise' THEN subject END,
            subject_project_id = CASE WHEN subject IS NULL THEN f.subject_project_id
                                      WHEN kind = 'project' THEN subject END,
            subject_region_id = CASE WHEN subject IS NULL THEN f.subject_region_id
                                     WHEN kind = 'region' THEN subject END,
            metric_id = coalesce(metric, f.metric_id),
            metric_text = CASE WHEN c ? 'metric_text' THEN c ->> 'metric_text' ELSE f.metric_text END,
            value = coalesce((c ->> 'value')::numeric, f.value),
            unit = coalesce(c ->> 'unit', f.unit),
            value_base = CASE WHEN c ? 'value_base' THEN (c ->> 'value_base')::numeric
                              WHEN c ? 'value' AND f.value <> 0 THEN f.value_base * (c ->> 'value')::numeric / f.value
                              WHEN c ? 'value' THEN NULL
                              ELSE f.value_base END,
            base_unit = CASE WHEN c ? 'base_unit' THEN c ->> 'base_unit'
                             WHEN c ? 'value' AND f.value = 0 THEN NULL
                             ELSE f.base_unit END,
            qualifier = CASE WHEN c ? 'qualifier' THEN c ->> 'qualifier' ELSE f.qualifier END,
            period_kind = coalesce(c ->> 'period_kind', f.period_kind),
            period_start = CASE WHEN c ? 'period_start' THEN (c ->> 'period_start')::date ELSE f.period_start END,
            period_end = CASE WHEN c ? 'period_end' THEN (c ->> 'period_end')::date ELSE f.period_end END
        WHERE f.source_id = sid AND f.fact_key = j.fact_key;
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        -- A new extraction the change no longer fits (say, another period kind): the fact
        -- stays as extracted rather than the article failing to load.
        RAISE WARNING 'review judgement % no longer fits fact % of %: %', j.id, j.fact_key, j.source_key, SQLERRM;
    END;
END;
$$;

-- A fact an analyst added, placed where its quote is now.
CREATE OR REPLACE FUNCTION review.add_fact(sid bigint, body text, j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := j.changes;
    kind text := c ->> 'subject_kind';
    pos integer := review.find_quote(body, j.anchor);
    quote text := j.anchor ->> 'exact';
    subject bigint := review.subject_id(kind, c ->> 'subject_key', c ->> 'subject_name');
    metric bigint;
BEGIN
    SELECT m.id INTO metric FROM public.metrics AS m WHERE m.name = c ->> 'metric';
    IF pos IS NULL OR subject IS NULL OR metric IS NULL THEN
        RETURN;  -- orphaned: reporting.orphaned_judgements lists it
    END IF;
    INSERT INTO public.facts AS f (source_id, fact_key, subject_kind, subject_platform_id, subject_enterprise_id,
                                   subject_project_id, subject_region_id, metric_id, metric_text, value, unit,
                                   value_base, base_unit, qualifier, period_kind, period_start, period_end, quote,
                                   char_start, char_end, extractor_version, confidence, review_status)
    VALUES (sid, j.fact_key, kind,
            CASE WHEN kind = 'platform' THEN subject END, CASE WHEN kind = 'enterprise' THEN subject END,
            CASE WHEN kind = 'project' THEN subject END, CASE WHEN kind = 'region' THEN subject END,
            metric, coalesce(c ->> 'metric_text', c ->> 'metric'), (c ->> 'value')::numeric, c ->> 'unit',
            (c ->> 'value_base')::numeric, c ->> 'base_unit', c ->> 'qualifier', c ->> 'period_kind',
            (c ->> 'period_start')::date, (c ->> 'period_end')::date, quote, pos, pos + char_length(quote),
            'review', 1, 'added')
    -- The extractor found the same figure meanwhile: the analyst's version stands.
    ON CONFLICT (source_id, fact_key) DO UPDATE SET
        extracted = coalesce(f.extracted, to_jsonb(f)), review_status = 'added',
        subject_kind = excluded.subject_kind, subject_platform_id = excluded.subject_platform_id,
        subject_enterprise_id = excluded.subject_enterprise_id, subject_project_id = excluded.subject_project_id,
        subject_region_id = excluded.subject_region_id, metric_id = excluded.metric_id,
        metric_text = excluded.metric_text, value = excluded.value, unit = excluded.unit,
        value_base = excluded.value_base, base_unit = excluded.base_unit, qualifier = excluded.qualifier,
        period_kind = excluded.period_kind, period_start = excluded.period_start, period_end = excluded.period_end;
END;
$$;

-- An article's standing reject, confirm and set judgements in one UPDATE (the loader's
-- path: its cost does not grow with the number of judgements of other articles).
CREATE OR REPLACE FUNCTION review.judge_facts(sid bigint, skey text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
-- plpgsql keeps the plan for the session (a SQL function plans its statement on every call).
AS $$
BEGIN
    WITH judged AS (
        SELECT rj.fact_key,
               bool_or(rj.action = 'reject') AS rejected,
               bool_or(rj.action = 'confirm') AS confirmed,
               bool_or(rj.action = 'set') AS changed,
               coalesce(jsonb_object_agg(e.key, e.value) FILTER (WHERE e.key IS NOT NULL), '{}'::jsonb) AS c
        FROM review.judgements AS rj
        LEFT JOIN LATERAL jsonb_each(CASE WHEN rj.action = 'set' THEN rj.changes END) AS e ON true
        WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action IN ('reject', 'confirm', 'set')
        GROUP BY rj.fact_key
    ),
    resolved AS (
        SELECT j.*,
               CASE WHEN j.c ? 'subject_name'
                    THEN review.subject_id(j.c ->> 'subject_kind', j.c ->> 'subject_key', j.c ->> 'subject_name') END
                   AS subject,
               m.id AS metric
        FROM judged AS j
        LEFT JOIN public.metrics AS m ON m.name = j.c ->> 'metric'
    ),
    -- A change whose subject or metric is gone is left out (reporting.orphaned_judgements lists it).
    usable AS (
        SELECT r.*,
               r.changed AND NOT (r.c ? 'subject_name' AND r.subject IS NULL)
                         AND NOT (r.c ? 'metric' AND r.metric IS NULL) AS applies
        FROM resolved AS r
    )
    UPDATE public.facts AS f SET
        extracted = CASE WHEN u.applies THEN coalesce(f.extracted, to_jsonb(f)) ELSE f.extracted END,
        review_status = CASE WHEN u.rejected THEN 'rejected'
                             WHEN f.review_status = 'added' THEN 'added'
                             WHEN u.applies THEN 'corrected'
                             WHEN u.confirmed THEN 'confirmed'
                             ELSE f.review_status END,
        subject_kind = CASE WHEN u.applies AND u.subject IS NOT NULL THEN u.c ->> 'subject_kind' ELSE f.subject_kind END,
        subject_platform_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_platform_id
                                   WHEN u.c ->> 'subject_kind' = 'platform' THEN u.subject END,
        subject_enterprise_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_enterprise_id
                                     WHEN u.c ->> 'subject_kind' = 'enterprise' THEN u.subject END,
        subject_project_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_project_id
                                  WHEN u.c ->> 'subject_kind' = 'project' THEN u.subject END,
        subject_region_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_region_id
                                 WHEN u.c ->> 'subject_kind' = 'region' THEN u.subject END,
        metric_id = CASE WHEN u.applies THEN coalesce(u.metric, f.metric_id) ELSE f.metric_id END,
        metric_text = CASE WHEN u.applies AND u.c ? 'metric_text' THEN u.c ->> 'metric_text' ELSE f.metric_text END,
        value = CASE WHEN u.applies AND u.c ? 'value' THEN (u.c ->> 'value')::numeric ELSE f.value END,
        unit = CASE WHEN u.applies AND u.c ? 'unit' THEN u.c ->> 'unit' ELSE f.unit END,
        value_base = CASE WHEN NOT u.applies THEN f.value_base
                          WHEN u.c ? 'value_base' THEN (u.c ->> 'value_base')::numeric
                          WHEN u.c ? 'value' AND f.value <> 0 THEN f.value_base * (u.c ->> 'value')::numeric / f.value
                          WHEN u.c ? 'value' THEN NULL
                          ELSE f.value_base END,
        base_unit = CASE WHEN NOT u.applies THEN f.base_unit
                         WHEN u.c ? 'base_unit' THEN u.c ->> 'base_unit'
                         WHEN u.c ? 'value' AND f.value = 0 THEN NULL
                         ELSE f.base_unit END,
        qualifier = CASE WHEN u.applies AND u.c ? 'qualifier' THEN u.c ->> 'qualifier' ELSE f.qualifier END,
        period_kind = CASE WHEN u.applies AND u.c ? 'period_kind' THEN u.c ->> 'period_kind' ELSE f.period_kind END,
        period_start = CASE WHEN u.applies AND u.c ? 'period_start' THEN (u.c ->> 'period_start')::date
                            ELSE f.period_start END,
        period_end = CASE WHEN u.applies AND u.c ? 'period_end' THEN (u.c ->> 'period_end')::date
                          ELSE f.period_end END
    FROM usable AS u
    WHERE f.source_id = sid AND f.fact_key = u.fact_key;
END;
$$;

-- One article's facts and metadata as its judgements make them. Idempotent: it
-- starts from what the extractor said each time.
CREATE OR REPLACE FUNCTION review.apply_article_judgements(sid bigint) RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    skey text;
    body text;
    j review.judgements;
BEGIN
    SELECT s.source_key, s.text INTO skey, body FROM public.sources AS s WHERE s.id = sid;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    PERFORM review.apply_reprints(sid, skey);  -- as a reprint, and as an original (sql/review/structure.sql)
    -- Nothing judged and nothing to put back: one index probe each.
    IF NOT EXISTS (SELECT 1 FROM review.judgements AS rj WHERE rj.source_key = skey AND rj.undone_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM public.facts AS f WHERE f.source_id = sid AND f.review_status <> 'extracted') THEN
        RETURN;
    END IF;
    -- Back to what the extractor said (nothing to do right after the loader stored the article).
    IF EXISTS (SELECT 1 FROM public.facts AS f WHERE f.source_id = sid AND f.review_status <> 'extracted') THEN
        DELETE FROM public.facts AS f WHERE f.source_id = sid AND f.review_status = 'added' AND f.extracted IS NULL;
        UPDATE public.facts AS f SET
            subject_kind = r.subject_kind, subject_platform_id = r.subject_platform_id,
            subject_enterprise_id = r.subject_enterprise_id, subject_project_id = r.subject_project_id,
            subject_region_id = r.subject_region_id, metric_id = r.metric_id, metric_text = r.metric_text,
            value = r.value, unit = r.unit, value_base = r.value_base, base_unit = r.base_unit,
            qualifier = r.qualifier, period_kind = r.period_kind, period_start = r.period_start,
            period_end = r.period_end, extracted = NULL, review_status = 'extracted'
        FROM public.facts AS o
        CROSS JOIN LATERAL jsonb_populate_record(NULL::public.facts, o.extracted) AS r
        WHERE o.id = f.id AND f.source_id = sid AND f.extracted IS NOT NULL;
        UPDATE public.facts AS f SET review_status = 'extracted'
        WHERE f.source_id = sid AND f.review_status <> 'extracted';
    END IF;
    -- Added facts first (rare), so the other judgements may target them.
    FOR j IN
        SELECT * FROM review.judgements AS rj
        WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action = 'add'
        ORDER BY rj.id
    LOOP
        PERFORM review.add_fact(sid, body, j);
    END LOOP;
    -- Reject, confirm and set in one statement, whatever their number: the fields of two
    -- standing sets of one fact never overlap (check_judgement refuses that), so the
    -- union of their changes is the change.
    BEGIN
        PERFORM review.judge_facts(sid, skey);
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        -- Some change no longer fits its fact: one judgement at a time, the misfits left out.
        FOR j IN
            SELECT * FROM review.judgements AS rj
            WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action IN ('set', 'confirm', 'reject')
            ORDER BY CASE rj.action WHEN 'set' THEN 1 WHEN 'confirm' THEN 2 ELSE 3 END, rj.id
        LOOP
            CASE j.action
                WHEN 'set' THEN
                    PERFORM review.set_fact(sid, j);
                WHEN 'confirm' THEN
                    UPDATE public.facts AS f SET review_status = 'confirmed'
                    WHERE f.source_id = sid AND f.fact_key = j.fact_key AND f.review_status = 'extracted';
                ELSE
                    UPDATE public.facts AS f SET review_status = 'rejected'
                    WHERE f.source_id = sid AND f.fact_key = j.fact_key;
            END CASE;
        END LOOP;
    END;
    FOR j IN
        SELECT * FROM review.judgements AS rj
        WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action = 'source_set'
        ORDER BY rj.id
    LOOP
        UPDATE public.sources AS s SET
            published_on = CASE WHEN j.changes ? 'published_on' THEN (j.changes ->> 'published_on')::date
                                ELSE s.published_on END,
            published_precision = CASE WHEN j.changes ? 'published_on'
                                       THEN coalesce(j.changes ->> 'published_precision', 'day')
                                       ELSE s.published_precision END,
            published_basis = CASE WHEN j.changes ? 'published_on' THEN 'review' ELSE s.published_basis END,
            published_note = CASE WHEN j.changes ? 'published_on' THEN format('review judgement %s', j.id)
                                  ELSE s.published_note END,
            publisher = CASE WHEN j.changes ? 'publisher' THEN j.changes ->> 'publisher' ELSE s.publisher END,
            url = CASE WHEN j.changes ? 'url' THEN j.changes ->> 'url' ELSE s.url END
        WHERE s.id = sid
          AND (s.published_on, s.published_precision, s.publisher, s.url) IS DISTINCT FROM
              (CASE WHEN j.changes ? 'published_on' THEN (j.changes ->> 'published_on')::date ELSE s.published_on END,
               CASE WHEN j.changes ? 'published_on' THEN coalesce(j.changes ->> 'published_precision', 'day')
                    ELSE s.published_precision END,
               CASE WHEN j.changes ? 'publisher' THEN j.changes ->> 'publisher' ELSE s.publisher END,
               CASE WHEN j.changes ? 'url' THEN j.changes ->> 'url' ELSE s.url END);
    END LOOP;
END;
$$;

COMMENT ON FUNCTION review.apply_article_judgements(bigint) IS
    'Puts an article''s facts back to what the extractor said and applies its active judgements (add, set, confirm, reject, source_set); the loader calls it at the end of every article''s store transaction.';

-- Fold one entity into another: every row pointing at it points at the survivor,
-- its names become the survivor's aliases, and it goes.
CREATE OR REPLACE FUNCTION review.merge_entity(kind text, from_id bigint, to_id bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    tab text := kind || 's';
    ref record;
    old_name text;
BEGIN
    IF from_id IS NULL OR to_id IS NULL OR from_id = to_id THEN
        RETURN;
    END IF;
    FOR ref IN
        SELECT cl.relname AS tab, a.attname AS col
        FROM pg_constraint AS con
        JOIN pg_class AS cl ON cl.oid = con.conrelid
        JOIN pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
        WHERE con.contype = 'f' AND con.confrelid = format('public.%I', tab)::regclass
          AND cl.relnamespace = 'public'::regnamespace
    LOOP
        IF ref.tab = tab THEN  -- a platform's parent: never itself
            EXECUTE format('UPDATE public.%I SET %I = nullif($1, id) WHERE %I = $2', ref.tab, ref.col, ref.col)
                USING to_id, from_id;
        ELSE
            EXECUTE format('UPDATE public.%I SET %I = $1 WHERE %I = $2', ref.tab, ref.col, ref.col)
                USING to_id, from_id;
        END IF;
    END LOOP;
    EXECUTE format('DELETE FROM public.%I WHERE id = $1 RETURNING name', tab) INTO old_name USING from_id;
    EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                   kind || '_aliases', kind || '_id') USING to_id, old_name;
END;
$$;

-- One entity judgement, forwards. Idempotent.
CREATE OR REPLACE FUNCTION review.apply_entity_judgement(j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    tab text := j.entity_kind || 's';
    aliases text := j.entity_kind || '_aliases';
    fk text := j.entity_kind || '_id';
    eid bigint := review.entity_id(j.entity_kind, j.entity_key);
    c jsonb := j.changes;
BEGIN
    IF j.action = 'retype' THEN  -- its entity is gone from its old kind once applied
        PERFORM review.retype_entity(j);
        RETURN;
    END IF;
    IF eid IS NULL THEN
        RETURN;  -- orphaned
    END IF;
    CASE j.action
        WHEN 'merge' THEN
            -- A later split gave the merged entity's key back to the names it split off: that stands.
            IF EXISTS (SELECT 1 FROM review.judgements AS rj
                       WHERE rj.action = 'split' AND rj.undone_at IS NULL AND rj.id > j.id
                         AND rj.entity_kind = j.entity_kind AND rj.changes ->> 'new_key' = j.other_entity_key) THEN
                RETURN;
            END IF;
            -- The merged entity's own row, if a load created it again; else it is already folded in.
            PERFORM review.merge_entity(j.entity_kind, (SELECT review.entity_id(j.entity_kind, j.other_entity_key)
                                                        WHERE review.entity_id(j.entity_kind, j.other_entity_key) <> eid),
                                        eid);
        WHEN 'rename' THEN
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', aliases, fk) USING eid, c ->> 'name';
            EXECUTE format('INSERT INTO public.%I (%I, alias) SELECT id, name FROM public.%I WHERE id = $1 AND name <> $2'
                           ' ON CONFLICT (alias) DO NOTHING', aliases, fk, tab) USING eid, c ->> 'name';
            EXECUTE format('UPDATE public.%I SET name = $2 WHERE id = $1 AND name <> $2', tab) USING eid, c ->> 'name';
        WHEN 'alias_add' THEN
            EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                           aliases, fk) USING eid, c ->> 'alias';
        WHEN 'alias_drop' THEN
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', aliases, fk) USING eid, c ->> 'alias';
        WHEN 'entity_set' THEN
            UPDATE public.platforms AS p SET
                kind = CASE WHEN c ? 'kind' THEN c ->> 'kind' ELSE p.kind END,
                district = CASE WHEN c ? 'district' THEN c ->> 'district' ELSE p.district END,
                parent_id = CASE WHEN c ? 'parent_key' THEN review.entity_id('platform', c ->> 'parent_key')
                                 ELSE p.parent_id END
            WHERE p.id = eid;
        WHEN 'split' THEN
            PERFORM review.split_entity(j);
        ELSE
            NULL;
    END CASE;
END;
$$;

-- Every active entity judgement, oldest first: at the end of each load run.
CREATE OR REPLACE FUNCTION review.apply_entity_judgements() RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    j review.judgements;
    n integer := 0;
BEGIN
    FOR j IN
        SELECT * FROM review.judgements AS rj
        WHERE rj.undone_at IS NULL
          AND rj.action IN ('merge', 'rename', 'alias_add', 'alias_drop', 'entity_set', 'split', 'retype')
        ORDER BY rj.id
    LOOP
        PERFORM review.apply_entity_judgement(j);
        n := n + 1;
    END LOOP;
    RETURN n;
END;
$$;

COMMENT ON FUNCTION review.apply_entity_judgements() IS
    'Applies every active entity judgement (merge, rename, alias, platform kind/parent/district, split, retype) again; parkdb load calls it at the end of each run.';

-- A judgement's changes must be of the fields its action may change, in values the
-- columns take; it must target something that exists, and not contradict another.
CREATE OR REPLACE FUNCTION review.check_judgement() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := coalesce(NEW.changes, '{}'::jsonb);
    sid bigint;
    body text;
    f public.facts;
    other review.judgements;
    field text;
    allowed text[];
    eid bigint;
    pos integer;
    tab text;
BEGIN
    NEW.made_at := coalesce(NEW.made_at, now());  -- an import keeps the original time
    NEW.made_by := coalesce(nullif(NEW.made_by, ''), current_user);
    NEW.undone_at := NULL;
    NEW.undone_by := NULL;
    IF NEW.action IN ('reprint', 'split', 'retype') THEN  -- sql/review/structure.sql
        RETURN review.check_structural(NEW);
    END IF;
    allowed := CASE NEW.action
        WHEN 'set' THEN ARRAY['subject_kind', 'subject_name', 'subject_key', 'metric', 'metric_text', 'value', 'unit',
                              'value_base', 'base_unit', 'qualifier', 'period_kind', 'period_start', 'period_end']
        WHEN 'add' THEN ARRAY['subject_kind', 'subject_name', 'subject_key', 'metric', 'metric_text', 'value', 'unit',
                              'value_base', 'base_unit', 'qualifier', 'period_kind', 'period_start', 'period_end']
        WHEN 'source_set' THEN ARRAY['published_on', 'published_precision', 'publisher', 'url', 'old']
        WHEN 'rename' THEN ARRAY['name', 'old_name']
        WHEN 'alias_add' THEN ARRAY['alias']
        WHEN 'alias_drop' THEN ARRAY['alias']
        WHEN 'entity_set' THEN ARRAY['kind', 'district', 'parent_key', 'parent_name', 'old']
        ELSE ARRAY[]::text[] END;
    FOR field IN SELECT jsonb_object_keys(c) LOOP
        IF NOT field = ANY (allowed) THEN
            RAISE EXCEPTION 'a % judgement cannot change %', NEW.action, field
                USING HINT = format('it may change: %s', coalesce(array_to_string(allowed, ', '), 'nothing'));
        END IF;
    END LOOP;
    -- Values the columns take.
    BEGIN
        PERFORM (c ->> 'value')::numeric, (c ->> 'value_base')::numeric, (c ->> 'period_start')::date,
                (c ->> 'period_end')::date, (c ->> 'published_on')::date;
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION 'a value does not parse: %', SQLERRM;
    END;
    IF c ->> 'qualifier' IS NOT NULL AND c ->> 'qualifier' NOT IN ('more_than', 'about', 'less_than') THEN
        RAISE EXCEPTION 'qualifier must be more_than, about, less_than or null, not %', c ->> 'qualifier';
    END IF;
    IF c ? 'period_kind' AND coalesce(c ->> 'period_kind', '') NOT IN ('actual', 'asof', 'target', 'unknown') THEN
        RAISE EXCEPTION 'period_kind must be actual, asof, target or unknown, not %', c ->> 'period_kind';
    END IF;
    IF c ? 'published_precision' AND coalesce(c ->> 'published_precision', '') NOT IN ('day', 'month', 'year') THEN
        RAISE EXCEPTION 'published_precision must be day, month or year, not %', c ->> 'published_precision';
    END IF;
    IF c ? 'unit' AND NOT (c ? 'value_base' AND c ? 'base_unit') THEN
        RAISE EXCEPTION 'a new unit needs value_base and base_unit too (null when the unit has no base)';
    END IF;
    IF (c ? 'value_base' OR c ? 'base_unit') AND (c ->> 'value_base' IS NULL) <> (c ->> 'base_unit' IS NULL) THEN
        RAISE EXCEPTION 'value_base and base_unit go together: both given or both null';
    END IF;
    IF c ? 'subject_kind' AND NOT c ? 'subject_name' THEN
        RAISE EXCEPTION 'a new subject_kind needs a subject_name';
    END IF;
    IF c ? 'metric' AND NOT EXISTS (SELECT 1 FROM public.metrics AS m WHERE m.name = c ->> 'metric') THEN
        RAISE EXCEPTION 'no metric named % (reporting.facts shows the metric names in use)', c ->> 'metric';
    END IF;

    -- The target.
    IF NEW.action IN ('reject', 'confirm', 'set', 'add', 'source_set') THEN
        IF NEW.source_key IS NULL AND NEW.fact_key IS NOT NULL THEN
            SELECT s.source_key INTO NEW.source_key
            FROM public.facts AS fx JOIN public.sources AS s ON s.id = fx.source_id
            WHERE fx.fact_key = NEW.fact_key LIMIT 1;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no fact with fact_key % (reporting.facts and reporting.fact_candidates show them)',
                    NEW.fact_key;
            END IF;
        END IF;
        SELECT s.id, s.text INTO sid, body FROM public.sources AS s WHERE s.source_key = NEW.source_key;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no article with source_key % (reporting.sources lists them)', NEW.source_key;
        END IF;
    END IF;
    IF NEW.action IN ('reject', 'confirm', 'set') THEN
        SELECT * INTO f FROM public.facts AS fx WHERE fx.source_id = sid AND fx.fact_key = NEW.fact_key;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no fact with fact_key % in %', NEW.fact_key, NEW.source_key;
        END IF;
        IF NEW.anchor IS NULL THEN
            NEW.anchor := jsonb_build_object(
                'exact', f.quote, 'prefix', substr(body, greatest(f.char_start - 7, 0) + 1, least(f.char_start, 8)),
                'suffix', substr(body, f.char_end + 1, 8), 'start', f.char_start, 'end', f.char_end);
        END IF;
    END IF;
    IF NEW.action IN ('set', 'add') AND c ? 'subject_name' THEN
        c := c || jsonb_build_object('subject_kind', coalesce(c ->> 'subject_kind', f.subject_kind));
        NEW.changes := c;
        IF coalesce(c ->> 'subject_kind', f.subject_kind) = 'region' THEN
            INSERT INTO public.regions (name) VALUES (c ->> 'subject_name') ON CONFLICT (name) DO NOTHING;
        ELSE
            IF coalesce(c ->> 'subject_kind', f.subject_kind) NOT IN ('platform', 'enterprise', 'project') THEN
                RAISE EXCEPTION 'subject_kind must be platform, enterprise, project or region, not %',
                    coalesce(c ->> 'subject_kind', f.subject_kind);
            END IF;
            tab := coalesce(c ->> 'subject_kind', f.subject_kind);
            EXECUTE format('SELECT e.entity_key FROM public.%I AS e WHERE e.name = $1'
                           ' UNION ALL SELECT e.entity_key FROM public.%I AS e JOIN public.%I AS a ON a.%I = e.id'
                           ' WHERE a.alias = $1 LIMIT 1', tab || 's', tab || 's', tab || '_aliases', tab || '_id')
                INTO field USING c ->> 'subject_name';
            IF field IS NULL THEN
                RAISE EXCEPTION 'no % named %', tab, c ->> 'subject_name';
            END IF;
            NEW.changes := c || jsonb_build_object('subject_key', field);
        END IF;
        c := NEW.changes;
    END IF;
    IF NEW.action = 'add' THEN
        IF NOT (c ? 'subject_kind' AND c ? 'subject_name' AND c ? 'metric' AND c ? 'value' AND c ? 'unit'
                AND c ? 'period_kind') THEN
            RAISE EXCEPTION 'an added fact needs subject_kind, subject_name, metric, value, unit and period_kind';
        END IF;
        pos := review.find_quote(body, NEW.anchor);
        IF pos IS NULL THEN
            RAISE EXCEPTION 'the quote % is not in %', NEW.anchor ->> 'exact', NEW.source_key;
        END IF;
        IF coalesce(NEW.anchor ->> 'figure', '') = '' OR strpos(NEW.anchor ->> 'exact', NEW.anchor ->> 'figure') = 0 THEN
            RAISE EXCEPTION 'the figure % is not in the quote %', NEW.anchor ->> 'figure', NEW.anchor ->> 'exact';
        END IF;
        NEW.anchor := NEW.anchor || jsonb_build_object(
            'start', pos, 'end', pos + char_length(NEW.anchor ->> 'exact'),
            'prefix', substr(body, greatest(pos - 7, 0) + 1, least(pos, 8)),
            'suffix', substr(body, pos + char_length(NEW.anchor ->> 'exact') + 1, 8));
        -- Which copy of the quote it is: the occurrence index of loaders.store.fact_key.
        NEW.fact_key := coalesce(NEW.fact_key, review.fact_key(
            NEW.source_key, NEW.anchor ->> 'exact', NEW.anchor ->> 'figure',
            ((char_length(left(body, pos)) - char_length(replace(left(body, pos), NEW.anchor ->> 'exact', '')))
             / char_length(NEW.anchor ->> 'exact'))::text));
    END IF;
    IF NEW.action IN ('merge', 'rename', 'alias_add', 'alias_drop', 'entity_set') THEN
        IF NEW.entity_kind IS NULL THEN
            SELECT k INTO NEW.entity_kind FROM unnest(ARRAY['platform', 'enterprise', 'project', 'institution']) AS k
            WHERE review.entity_id(k, NEW.entity_key) IS NOT NULL LIMIT 1;
        END IF;
        eid := review.entity_id(NEW.entity_kind, NEW.entity_key);
        IF eid IS NULL THEN
            RAISE EXCEPTION 'no entity with entity_key % (reporting.entity_mentions shows them)', NEW.entity_key;
        END IF;
        tab := NEW.entity_kind || 's';
        IF NEW.action = 'merge' THEN
            IF review.entity_id(NEW.entity_kind, NEW.other_entity_key) IS NULL THEN
                RAISE EXCEPTION 'no % with entity_key %', NEW.entity_kind, NEW.other_entity_key;
            ELSIF review.entity_id(NEW.entity_kind, NEW.other_entity_key) = eid THEN
                RAISE EXCEPTION '% and % are already one %', NEW.entity_key, NEW.other_entity_key, NEW.entity_kind;
            END IF;
        ELSIF NEW.action = 'rename' THEN
            EXECUTE format('SELECT name FROM public.%I WHERE id = $1', tab) INTO field USING eid;
            NEW.changes := c || jsonb_build_object('old_name', field);
            EXECUTE format('SELECT count(*) FROM (SELECT id FROM public.%I WHERE name = $1 AND id <> $2'
                           ' UNION ALL SELECT %I FROM public.%I WHERE alias = $1 AND %I <> $2) AS x',
                           tab, NEW.entity_kind || '_id', NEW.entity_kind || '_aliases', NEW.entity_kind || '_id')
                INTO pos USING c ->> 'name', eid;
            IF coalesce(c ->> 'name', '') = '' OR pos > 0 THEN
                RAISE EXCEPTION 'another % is already called % (merge them instead)', NEW.entity_kind, c ->> 'name';
            END IF;
        ELSIF NEW.action IN ('alias_add', 'alias_drop') THEN
            EXECUTE format('SELECT %I FROM public.%I WHERE alias = $1', NEW.entity_kind || '_id', NEW.entity_kind || '_aliases')
                INTO pos USING c ->> 'alias';
            IF coalesce(c ->> 'alias', '') = '' THEN
                RAISE EXCEPTION 'an alias judgement needs the alias';
            ELSIF NEW.action = 'alias_add' AND pos IS NOT NULL AND pos <> eid THEN
                RAISE EXCEPTION '% is already an alias of another % (merge them instead)', c ->> 'alias', NEW.entity_kind;
            ELSIF NEW.action = 'alias_drop' AND (pos IS NULL OR pos <> eid) THEN
                RAISE EXCEPTION '% is not an alias of %', c ->> 'alias', NEW.entity_key;
            END IF;
        ELSIF NEW.action = 'entity_set' THEN
            IF NEW.entity_kind <> 'platform' THEN
                RAISE EXCEPTION 'kind, parent and district are set on platforms only';
            END IF;
            IF c ? 'kind' AND coalesce(c ->> 'kind', '') NOT IN ('corridor', 'zone', 'park', 'incubator') THEN
                RAISE EXCEPTION 'a platform kind is corridor, zone, park or incubator, not %', c ->> 'kind';
            END IF;
            IF c ? 'parent_name' THEN
                SELECT p.entity_key INTO field FROM public.platforms AS p WHERE p.name = c ->> 'parent_name';
                IF field IS NULL THEN
                    RAISE EXCEPTION 'no platform named %', c ->> 'parent_name';
                END IF;
                c := (c - 'parent_name') || jsonb_build_object('parent_key', field);
            END IF;
            NEW.changes := c || jsonb_build_object('old', (SELECT jsonb_build_object(
                'kind', p.kind, 'district', p.district,
                'parent_key', (SELECT pp.entity_key FROM public.platforms AS pp WHERE pp.id = p.parent_id))
                FROM public.platforms AS p WHERE p.id = eid));
        END IF;
    END IF;
    IF NEW.action = 'source_set' THEN
        IF c = '{}'::jsonb THEN
            RAISE EXCEPTION 'an article judgement needs published_on, publisher or url';
        END IF;
        NEW.changes := (c - 'old') || jsonb_build_object('old', (SELECT jsonb_build_object(
            'published_on', s.published_on, 'published_precision', s.published_precision,
            'published_basis', s.published_basis, 'published_note', s.published_note,
            'publisher', s.publisher, 'url', s.url) FROM public.sources AS s WHERE s.id = sid));
    END IF;

    -- Contradictions: undo the other judgement first.
    SELECT * INTO other FROM review.judgements AS rj
    WHERE rj.undone_at IS NULL AND (
        (NEW.action IN ('reject', 'confirm', 'set', 'add') AND rj.source_key = NEW.source_key
         AND rj.fact_key = NEW.fact_key AND rj.action IN ('reject', 'confirm', 'set', 'add')
         AND (NEW.action = rj.action AND NEW.action IN ('reject', 'confirm', 'add')
              OR 'reject' IN (NEW.action, rj.action)
              OR (NEW.action = 'set' AND rj.action = 'set' AND EXISTS (
                    SELECT 1 FROM jsonb_object_keys(NEW.changes) AS k
                    WHERE k <> 'subject_key' AND rj.changes ? k))))
        OR (NEW.action = 'source_set' AND rj.action = 'source_set' AND rj.source_key = NEW.source_key
            AND EXISTS (SELECT 1 FROM jsonb_object_keys(NEW.changes) AS k WHERE k <> 'old' AND rj.changes ? k))
        OR (NEW.action = rj.action AND NEW.action IN ('rename', 'entity_set') AND rj.entity_kind = NEW.entity_kind
            AND review.entity_id(rj.entity_kind, rj.entity_key) = eid
            AND (NEW.action = 'rename' OR EXISTS (SELECT 1 FROM jsonb_object_keys(NEW.changes) AS k
                                                  WHERE k <> 'old' AND rj.changes ? k)))
        OR (NEW.action IN ('alias_add', 'alias_drop') AND rj.action IN ('alias_add', 'alias_drop')
            AND rj.entity_kind = NEW.entity_kind AND rj.changes ->> 'alias' = NEW.changes ->> 'alias'))
    ORDER BY rj.id
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'this % contradicts or repeats judgement % (% by % on %); undo that one first',
            NEW.action, other.id, other.action, other.made_by, other.made_at::date
            USING HINT = format('parkdb review undo %s', other.id);
    END IF;
    RETURN NEW;
END;
$$;

-- Judgements are history: only undoing one (once) changes a row.
CREATE OR REPLACE FUNCTION review.check_undo() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF OLD.undone_at IS NOT NULL THEN
        RAISE EXCEPTION 'judgement % was already undone on % by %', OLD.id, OLD.undone_at::date, OLD.undone_by;
    END IF;
    IF (to_jsonb(NEW) - 'undone_at' - 'undone_by') <> (to_jsonb(OLD) - 'undone_at' - 'undone_by') THEN
        RAISE EXCEPTION 'a judgement is not edited: undo it (parkdb review undo %) and record a new one', OLD.id;
    END IF;
    IF OLD.action = 'merge' THEN
        RAISE EXCEPTION 'merge % cannot be undone: the merged entity''s rows now belong to %', OLD.id, OLD.entity_key
            USING HINT = 'split its names off instead: parkdb review split ENTITY NAME ...';
    END IF;
    NEW.undone_at := coalesce(NEW.undone_at, now());
    NEW.undone_by := coalesce(nullif(NEW.undone_by, ''), current_user);
    RETURN NEW;
END;
$$;

-- A judgement written or undone takes effect at once.
CREATE OR REPLACE FUNCTION review.judgement_applied() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := NEW.changes;
    eid bigint;
BEGIN
    IF NEW.action IN ('reject', 'confirm', 'set', 'add', 'source_set', 'reprint') THEN
        IF TG_OP = 'UPDATE' AND NEW.action = 'reprint' THEN  -- an article of its own again
            UPDATE public.sources AS s SET reprint_of_id = NULL WHERE s.source_key = NEW.source_key;
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.action = 'source_set' THEN  -- put back what the article said
            UPDATE public.sources AS s SET
                published_on = CASE WHEN c ? 'published_on' THEN (c -> 'old' ->> 'published_on')::date ELSE s.published_on END,
                published_precision = CASE WHEN c ? 'published_on' THEN c -> 'old' ->> 'published_precision'
                                           ELSE s.published_precision END,
                published_basis = CASE WHEN c ? 'published_on' THEN c -> 'old' ->> 'published_basis' ELSE s.published_basis END,
                published_note = CASE WHEN c ? 'published_on' THEN c -> 'old' ->> 'published_note' ELSE s.published_note END,
                publisher = CASE WHEN c ? 'publisher' THEN c -> 'old' ->> 'publisher' ELSE s.publisher END,
                url = CASE WHEN c ? 'url' THEN c -> 'old' ->> 'url' ELSE s.url END
            WHERE s.source_key = NEW.source_key;
        END IF;
        PERFORM review.apply_article_judgements(s.id) FROM public.sources AS s WHERE s.source_key = NEW.source_key;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM review.apply_entity_judgement(NEW);
    ELSE  -- undo an entity judgement
        eid := review.entity_id(NEW.entity_kind, NEW.entity_key);
        IF NEW.action = 'rename' THEN
            EXECUTE format('UPDATE public.%I SET name = $2 WHERE id = $1', NEW.entity_kind || 's')
                USING eid, c ->> 'old_name';
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', NEW.entity_kind || '_aliases',
                           NEW.entity_kind || '_id') USING eid, c ->> 'old_name';
            EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                           NEW.entity_kind || '_aliases', NEW.entity_kind || '_id') USING eid, c ->> 'name';
        ELSIF NEW.action = 'alias_add' THEN
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', NEW.entity_kind || '_aliases',
                           NEW.entity_kind || '_id') USING eid, c ->> 'alias';
        ELSIF NEW.action = 'alias_drop' THEN
            EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                           NEW.entity_kind || '_aliases', NEW.entity_kind || '_id') USING eid, c ->> 'alias';
        ELSIF NEW.action = 'entity_set' THEN
            UPDATE public.platforms AS p SET
                kind = CASE WHEN c ? 'kind' THEN c -> 'old' ->> 'kind' ELSE p.kind END,
                district = CASE WHEN c ? 'district' THEN c -> 'old' ->> 'district' ELSE p.district END,
                parent_id = CASE WHEN c ? 'parent_key' THEN review.entity_id('platform', c -> 'old' ->> 'parent_key')
                                 ELSE p.parent_id END
            WHERE p.id = eid;
        ELSIF NEW.action = 'split' THEN
            PERFORM review.unsplit_entity(NEW);
        ELSIF NEW.action = 'retype' THEN
            PERFORM review.unretype_entity(NEW);
        END IF;
        PERFORM review.apply_entity_judgements();  -- the others still stand
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER judgements_checked
    BEFORE INSERT ON review.judgements
    FOR EACH ROW EXECUTE FUNCTION review.check_judgement();
CREATE OR REPLACE TRIGGER judgements_undone_checked
    BEFORE UPDATE ON review.judgements
    FOR EACH ROW EXECUTE FUNCTION review.check_undo();
CREATE OR REPLACE TRIGGER judgements_applied
    AFTER INSERT OR UPDATE ON review.judgements
    FOR EACH ROW EXECUTE FUNCTION review.judgement_applied();
"""

ORPHANED_JUDGEMENTS = r"""
-- reporting.orphaned_judgements: one row per analyst's judgement that no longer
-- finds what it was made on.
-- A judgement is never silently dropped: when its article is gone, its fact is no
-- longer extracted (the quote or the figure changed), an added fact's quote is no
-- longer in the article, a change no longer fits the fact as extracted, its
-- entity no longer exists, or the article a reprint reprints is gone, it is listed here (and
-- counted by parkdb status) until someone undoes it or records it again.
CREATE OR REPLACE VIEW reporting.orphaned_judgements AS
WITH active AS (
    SELECT j.*,
           s.id AS source_id,
           s.text AS body
    FROM review.judgements AS j
    LEFT JOIN public.sources AS s ON s.source_key = j.source_key
    WHERE j.undone_at IS NULL
),
checked AS (
    SELECT a.*,
           CASE
               WHEN a.action IN ('reject', 'confirm', 'set', 'add', 'source_set', 'reprint') AND a.source_id IS NULL
                   THEN 'the article is no longer stored'
               WHEN a.action = 'reprint'
                    AND NOT EXISTS (SELECT 1 FROM public.sources AS o WHERE o.source_key = a.changes ->> 'of')
                   THEN 'the article it reprints is no longer stored'
               WHEN a.action = 'add' AND review.find_quote(a.body, a.anchor) IS NULL
                   THEN 'the quote is no longer in the article'
               WHEN a.action IN ('reject', 'confirm', 'set')
                    AND NOT EXISTS (SELECT 1 FROM public.facts AS f
                                    WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key)
                   THEN 'the fact is no longer extracted from the article (its quote or figure changed)'
               WHEN a.action = 'set'
                    AND EXISTS (SELECT 1 FROM public.facts AS f
                                WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key
                                  AND f.review_status IN ('extracted', 'confirmed'))
                   THEN 'the change no longer fits the fact as extracted (its subject or metric is gone, or its period kind changed)'
               WHEN a.action = 'add'
                    AND NOT EXISTS (SELECT 1 FROM public.facts AS f
                                    WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key)
                   THEN 'the added fact''s subject or metric no longer exists'
               WHEN a.action IN ('merge', 'rename', 'alias_add', 'alias_drop', 'entity_set', 'split')
                    AND review.entity_id(a.entity_kind, a.entity_key) IS NULL
                   THEN 'the entity no longer exists'
               WHEN a.action = 'retype' AND review.entity_id(a.entity_kind, a.entity_key) IS NULL
                    AND review.entity_id(a.changes ->> 'kind', a.changes ->> 'target_key') IS NULL
                   THEN 'the entity no longer exists'
               WHEN a.action = 'retype' AND a.changes ->> 'kind' = 'institution'
                    AND review.entity_id(a.entity_kind, a.entity_key) IS NOT NULL
                   THEN 'the entity is the subject of facts, which an institution cannot be (reject them or change their subject)'
           END AS problem
    FROM active AS a
)
SELECT id AS judgement_id,
       action,
       source_key,
       fact_key,
       entity_key,
       anchor ->> 'exact' AS quote,
       problem,
       why,
       made_by,
       made_at
FROM checked
WHERE problem IS NOT NULL;

COMMENT ON VIEW reporting.orphaned_judgements IS
    'One row per active analyst''s judgement whose anchor can no longer be found (article gone, fact no longer extracted, quote no longer in the article, entity gone): never silently dropped; undo it or record it again.';
COMMENT ON COLUMN reporting.orphaned_judgements.judgement_id IS 'The judgement (review.judgements.id; parkdb review undo takes it).';
COMMENT ON COLUMN reporting.orphaned_judgements.action IS 'reject, confirm, set, add, source_set, reprint, merge, rename, alias_add, alias_drop, entity_set, split or retype.';
COMMENT ON COLUMN reporting.orphaned_judgements.source_key IS 'The article it was made on, for fact and article judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.fact_key IS 'The fact it was made on, for fact judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.entity_key IS 'The entity it was made on, for entity judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.quote IS 'The quote it was anchored on (TextQuoteSelector exact).';
COMMENT ON COLUMN reporting.orphaned_judgements.problem IS 'What can no longer be found.';
COMMENT ON COLUMN reporting.orphaned_judgements.why IS 'The analyst''s reason for the judgement.';
COMMENT ON COLUMN reporting.orphaned_judgements.made_by IS 'Who made it (database role or --by name).';
COMMENT ON COLUMN reporting.orphaned_judgements.made_at IS 'When it was made.';
"""

GRANT = r"""
REVOKE ALL ON FUNCTION review.check_structural(review.judgements), review.create_entity(text, text, text, jsonb), review.repoint_rows(text, bigint, text, bigint, text, text), review.move_names(text, bigint, text, bigint, text[]), review.move_entity(text, bigint, text, bigint), review.apply_reprints(bigint, text), review.split_entity(review.judgements), review.retype_entity(review.judgements), review.unsplit_entity(review.judgements), review.unretype_entity(review.judgements) FROM PUBLIC;
CREATE INDEX ix_judgements_reprint_of ON review.judgements ((changes ->> 'of')) WHERE action = 'reprint' AND undone_at IS NULL;
COMMENT ON COLUMN review.judgements.action IS 'reject, confirm, set or add a fact; source_set (an article''s date, publisher or URL), reprint (the article reprints changes.of); merge, rename, alias_add, alias_drop, entity_set (a platform''s kind, parent, district), split (changes.names become another entity) or retype (the entity is of kind changes.kind).';
"""

# As revisions 0023 and 0024 left them; downgrade restores them.
PREVIOUS_JUDGEMENTS = r"""
-- review: analysts' judgements of the machine's output, kept beside it and applied
-- on every (re)load (nomenklatura's judgements, Wikidata's ranks and edits).
--
-- review.judgements (created by migration 0023) holds one row per judgement: who,
-- when, why, what it targets and the anchor it was made on. Fact judgements are
-- keyed on the fact's stable key (a hash of the article's identity, the normalised
-- quote, the figure's text within it and an occurrence index; never char offsets or
-- the extractor version) and carry a Web Annotation anchor: a TextQuoteSelector
-- (exact, prefix, suffix) and a TextPositionSelector (start, end), plus the figure.
--
-- Applying is set-based and per article: review.apply_article_judgements(source_id)
-- puts the article's facts back to what the extractor said, then applies the
-- article's active judgements in order (add, set, confirm, reject). The loader
-- calls it at the end of each article's store transaction (one index probe when
-- nothing is judged); a judgement written or undone calls it for its article.
-- Entity judgements (merge, rename, aliases, platform kind/parent/district) are
-- global: applied when written and again at the end of every load run
-- (review.apply_entity_judgements()), because the loader may rename an entity to a
-- fuller form or give an alias back.

-- Which facts the reporting views show: not rejected, and either vouched for by an
-- analyst or at least as confident as the threshold. Inlined by the planner.
CREATE OR REPLACE FUNCTION public.fact_is_shown(review_status text, confidence numeric) RETURNS boolean
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT review_status <> 'rejected'
       AND (review_status <> 'extracted' OR confidence >= public.fact_confidence_threshold())
$$;

COMMENT ON FUNCTION public.fact_is_shown(text, numeric) IS
    'True for a fact the reporting views show: not rejected, and confirmed, corrected or added by an analyst or at least public.fact_confidence_threshold() confident.';

-- Whitespace does not count in a quote (the same as loaders.store.normalised).
CREATE OR REPLACE FUNCTION review.normalised(t text) RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT regexp_replace(t, E'[ \\t\\n\\r\\f\\v\\u00a0\\u3000]+', '', 'g')
$$;

-- A fact's stable key (the same as loaders.store.fact_key).
CREATE OR REPLACE FUNCTION review.fact_key(source_identity text, quote text, figure text, occurrence text)
RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
AS $$
    SELECT left(encode(sha256(convert_to(concat_ws(E'\x1f', 'fact', source_identity, review.normalised(quote),
                                                     review.normalised(figure), occurrence), 'UTF8')), 'hex'), 32)
$$;

COMMENT ON FUNCTION review.fact_key(text, text, text, text) IS
    'A fact''s stable key: a hash of the article''s identity, the normalised quote, the figure''s text within it and which occurrence of the quote it is (loaders.store.fact_key computes the same).';

-- Where an anchor's quote is in an article now (0-based start), or NULL when it is
-- gone. Of several copies, one whose prefix and suffix still match wins, then the
-- one nearest to where the quote was (Web Annotation: TextQuoteSelector refined by
-- TextPositionSelector).
CREATE OR REPLACE FUNCTION review.find_quote(body text, anchor jsonb) RETURNS integer
LANGUAGE plpgsql
IMMUTABLE
AS $$
DECLARE
    quote text := anchor ->> 'exact';
    prefix text := coalesce(anchor ->> 'prefix', '');
    suffix text := coalesce(anchor ->> 'suffix', '');
    wanted integer := coalesce((anchor ->> 'start')::integer, 0);
    pos integer := 0;
    hit integer;
    score bigint;
    best integer;
    best_score bigint;
BEGIN
    IF body IS NULL OR quote IS NULL OR quote = '' THEN
        RETURN NULL;
    END IF;
    LOOP
        hit := strpos(substr(body, pos + 1), quote);
        EXIT WHEN hit = 0;
        hit := pos + hit - 1;
        score := (CASE WHEN right(left(body, hit), char_length(prefix)) = prefix THEN 0 ELSE 1 END
                  + CASE WHEN substr(body, hit + char_length(quote) + 1, char_length(suffix)) = suffix THEN 0 ELSE 1 END)
                 * 100000000 + abs(hit - wanted);
        IF best IS NULL OR score < best_score THEN
            best := hit;
            best_score := score;
        END IF;
        pos := hit + 1;
    END LOOP;
    RETURN best;
END;
$$;

-- The id of the entity of a kind with a key, following merges to the entity that
-- absorbed it; NULL when there is none.
CREATE OR REPLACE FUNCTION review.entity_id(kind text, key text) RETURNS bigint
LANGUAGE plpgsql
STABLE
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    found bigint;
    hops integer := 0;
BEGIN
    IF kind NOT IN ('platform', 'enterprise', 'project', 'institution') THEN
        RETURN NULL;
    END IF;
    LOOP
        EXECUTE format('SELECT id FROM public.%I WHERE entity_key = $1', kind || 's') INTO found USING key;
        IF found IS NOT NULL OR key IS NULL OR hops > 50 THEN
            RETURN found;
        END IF;
        SELECT j.entity_key INTO key
        FROM review.judgements AS j
        WHERE j.action = 'merge' AND j.undone_at IS NULL AND j.entity_kind = kind AND j.other_entity_key = key
        ORDER BY j.id DESC
        LIMIT 1;
        hops := hops + 1;
    END LOOP;
END;
$$;

-- The id of a fact's subject: an entity by key, or a region by name.
CREATE OR REPLACE FUNCTION review.subject_id(kind text, key text, name text) RETURNS bigint
LANGUAGE sql
STABLE
SET search_path = pg_catalog, public
AS $$
    SELECT CASE WHEN kind = 'region' THEN (SELECT r.id FROM public.regions AS r WHERE r.name = subject_id.name)
                ELSE review.entity_id(kind, key) END
$$;

-- A fact as a judgement changes it (set), from its current values.
CREATE OR REPLACE FUNCTION review.set_fact(sid bigint, j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := j.changes;
    kind text;
    subject bigint;
    metric bigint;
BEGIN
    SELECT coalesce(c ->> 'subject_kind', f.subject_kind) INTO kind
    FROM public.facts AS f WHERE f.source_id = sid AND f.fact_key = j.fact_key;
    IF NOT FOUND THEN
        RETURN;  -- orphaned: reporting.orphaned_judgements lists it
    END IF;
    IF c ? 'subject_name' THEN
        subject := review.subject_id(kind, c ->> 'subject_key', c ->> 'subject_name');
        IF subject IS NULL THEN
            RETURN;
        END IF;
    END IF;
    IF c ? 'metric' THEN
        SELECT m.id INTO metric FROM public.metrics AS m WHERE m.name = c ->> 'metric';
        IF metric IS NULL THEN
            RETURN;
        END IF;
    END IF;
    BEGIN
        UPDATE public.facts AS f SET
            extracted = coalesce(f.extracted, to_jsonb(f)),
            review_status = CASE WHEN f.review_status = 'added' THEN 'added' ELSE 'corrected' END,
            subject_kind = kind,
            subject_platform_id = CASE WHEN subject IS NULL THEN f.subject_platform_id
                                       WHEN kind = 'platform' THEN subject END,
            subject_enterprise_id = CASE WHEN subject IS NULL THEN f.subject_enterprise_id
                                         WHEN kind = 'enterprise' THEN subject END,
            subject_project_id = CASE WHEN subject IS NULL THEN f.subject_project_id
                                      WHEN kind = 'project' THEN subject END,
            subject_region_id = CASE WHEN subject IS NULL THEN f.subject_region_id
                                     WHEN kind = 'region' THEN subject END,
            metric_id = coalesce(metric, f.metric_id),
            metric_text = CASE WHEN c ? 'metric_text' THEN c ->> 'metric_text' ELSE f.metric_text END,
            value = coalesce((c ->> 'value')::numeric, f.value),
            unit = coalesce(c ->> 'unit', f.unit),
            value_base = CASE WHEN c ? 'value_base' THEN (c ->> 'value_base')::numeric
                              WHEN c ? 'value' AND f.value <> 0 THEN f.value_base * (c ->> 'value')::numeric / f.value
                              WHEN c ? 'value' THEN NULL
                              ELSE f.value_base END,
            base_unit = CASE WHEN c ? 'base_unit' THEN c ->> 'base_unit'
                             WHEN c ? 'value' AND f.value = 0 THEN NULL
                             ELSE f.base_unit END,
            qualifier = CASE WHEN c ? 'qualifier' THEN c ->> 'qualifier' ELSE f.qualifier END,
            period_kind = coalesce(c ->> 'period_kind', f.period_kind),
            period_start = CASE WHEN c ? 'period_start' THEN (c ->> 'period_start')::date ELSE f.period_start END,
            period_end = CASE WHEN c ? 'period_end' THEN (c ->> 'period_end')::date ELSE f.period_end END
        WHERE f.source_id = sid AND f.fact_key = j.fact_key;
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        -- A new extraction the change no longer fits (say, another period kind): the fact
        -- stays as extracted rather than the article failing to load.
        RAISE WARNING 'review judgement % no longer fits fact % of %: %', j.id, j.fact_key, j.source_key, SQLERRM;
    END;
END;
$$;

-- A fact an analyst added, placed where its quote is now.
CREATE OR REPLACE FUNCTION review.add_fact(sid bigint, body text, j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := j.changes;
    kind text := c ->> 'subject_kind';
    pos integer := review.find_quote(body, j.anchor);
    quote text := j.anchor ->> 'exact';
    subject bigint := review.subject_id(kind, c ->> 'subject_key', c ->> 'subject_name');
    metric bigint;
BEGIN
    SELECT m.id INTO metric FROM public.metrics AS m WHERE m.name = c ->> 'metric';
    IF pos IS NULL OR subject IS NULL OR metric IS NULL THEN
        RETURN;  -- orphaned: reporting.orphaned_judgements lists it
    END IF;
    INSERT INTO public.facts AS f (source_id, fact_key, subject_kind, subject_platform_id, subject_enterprise_id,
                                   subject_project_id, subject_region_id, metric_id, metric_text, value, unit,
                                   value_base, base_unit, qualifier, period_kind, period_start, period_end, quote,
                                   char_start, char_end, extractor_version, confidence, review_status)
    VALUES (sid, j.fact_key, kind,
            CASE WHEN kind = 'platform' THEN subject END, CASE WHEN kind = 'enterprise' THEN subject END,
            CASE WHEN kind = 'project' THEN subject END, CASE WHEN kind = 'region' THEN subject END,
            metric, coalesce(c ->> 'metric_text', c ->> 'metric'), (c ->> 'value')::numeric, c ->> 'unit',
            (c ->> 'value_base')::numeric, c ->> 'base_unit', c ->> 'qualifier', c ->> 'period_kind',
            (c ->> 'period_start')::date, (c ->> 'period_end')::date, quote, pos, pos + char_length(quote),
            'review', 1, 'added')
    -- The extractor found the same figure meanwhile: the analyst's version stands.
    ON CONFLICT (source_id, fact_key) DO UPDATE SET
        extracted = coalesce(f.extracted, to_jsonb(f)), review_status = 'added',
        subject_kind = excluded.subject_kind, subject_platform_id = excluded.subject_platform_id,
        subject_enterprise_id = excluded.subject_enterprise_id, subject_project_id = excluded.subject_project_id,
        subject_region_id = excluded.subject_region_id, metric_id = excluded.metric_id,
        metric_text = excluded.metric_text, value = excluded.value, unit = excluded.unit,
        value_base = excluded.value_base, base_unit = excluded.base_unit, qualifier = excluded.qualifier,
        period_kind = excluded.period_kind, period_start = excluded.period_start, period_end = excluded.period_end;
END;
$$;

-- An article's standing reject, confirm and set judgements in one UPDATE (the loader's
-- path: its cost does not grow with the number of judgements of other articles).
CREATE OR REPLACE FUNCTION review.judge_facts(sid bigint, skey text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
-- plpgsql keeps the plan for the session (a SQL function plans its statement on every call).
AS $$
BEGIN
    WITH judged AS (
        SELECT rj.fact_key,
               bool_or(rj.action = 'reject') AS rejected,
               bool_or(rj.action = 'confirm') AS confirmed,
               bool_or(rj.action = 'set') AS changed,
               coalesce(jsonb_object_agg(e.key, e.value) FILTER (WHERE e.key IS NOT NULL), '{}'::jsonb) AS c
        FROM review.judgements AS rj
        LEFT JOIN LATERAL jsonb_each(CASE WHEN rj.action = 'set' THEN rj.changes END) AS e ON true
        WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action IN ('reject', 'confirm', 'set')
        GROUP BY rj.fact_key
    ),
    resolved AS (
        SELECT j.*,
               CASE WHEN j.c ? 'subject_name'
                    THEN review.subject_id(j.c ->> 'subject_kind', j.c ->> 'subject_key', j.c ->> 'subject_name') END
                   AS subject,
               m.id AS metric
        FROM judged AS j
        LEFT JOIN public.metrics AS m ON m.name = j.c ->> 'metric'
    ),
    -- A change whose subject or metric is gone is left out (reporting.orphaned_judgements lists it).
    usable AS (
        SELECT r.*,
               r.changed AND NOT (r.c ? 'subject_name' AND r.subject IS NULL)
                         AND NOT (r.c ? 'metric' AND r.metric IS NULL) AS applies
        FROM resolved AS r
    )
    UPDATE public.facts AS f SET
        extracted = CASE WHEN u.applies THEN coalesce(f.extracted, to_jsonb(f)) ELSE f.extracted END,
        review_status = CASE WHEN u.rejected THEN 'rejected'
                             WHEN f.review_status = 'added' THEN 'added'
                             WHEN u.applies THEN 'corrected'
                             WHEN u.confirmed THEN 'confirmed'
                             ELSE f.review_status END,
        subject_kind = CASE WHEN u.applies AND u.subject IS NOT NULL THEN u.c ->> 'subject_kind' ELSE f.subject_kind END,
        subject_platform_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_platform_id
                                   WHEN u.c ->> 'subject_kind' = 'platform' THEN u.subject END,
        subject_enterprise_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_enterprise_id
                                     WHEN u.c ->> 'subject_kind' = 'enterprise' THEN u.subject END,
        subject_project_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_project_id
                                  WHEN u.c ->> 'subject_kind' = 'project' THEN u.subject END,
        subject_region_id = CASE WHEN NOT u.applies OR u.subject IS NULL THEN f.subject_region_id
                                 WHEN u.c ->> 'subject_kind' = 'region' THEN u.subject END,
        metric_id = CASE WHEN u.applies THEN coalesce(u.metric, f.metric_id) ELSE f.metric_id END,
        metric_text = CASE WHEN u.applies AND u.c ? 'metric_text' THEN u.c ->> 'metric_text' ELSE f.metric_text END,
        value = CASE WHEN u.applies AND u.c ? 'value' THEN (u.c ->> 'value')::numeric ELSE f.value END,
        unit = CASE WHEN u.applies AND u.c ? 'unit' THEN u.c ->> 'unit' ELSE f.unit END,
        value_base = CASE WHEN NOT u.applies THEN f.value_base
                          WHEN u.c ? 'value_base' THEN (u.c ->> 'value_base')::numeric
                          WHEN u.c ? 'value' AND f.value <> 0 THEN f.value_base * (u.c ->> 'value')::numeric / f.value
                          WHEN u.c ? 'value' THEN NULL
                          ELSE f.value_base END,
        base_unit = CASE WHEN NOT u.applies THEN f.base_unit
                         WHEN u.c ? 'base_unit' THEN u.c ->> 'base_unit'
                         WHEN u.c ? 'value' AND f.value = 0 THEN NULL
                         ELSE f.base_unit END,
        qualifier = CASE WHEN u.applies AND u.c ? 'qualifier' THEN u.c ->> 'qualifier' ELSE f.qualifier END,
        period_kind = CASE WHEN u.applies AND u.c ? 'period_kind' THEN u.c ->> 'period_kind' ELSE f.period_kind END,
        period_start = CASE WHEN u.applies AND u.c ? 'period_start' THEN (u.c ->> 'period_start')::date
                            ELSE f.period_start END,
        period_end = CASE WHEN u.applies AND u.c ? 'period_end' THEN (u.c ->> 'period_end')::date
                          ELSE f.period_end END
    FROM usable AS u
    WHERE f.source_id = sid AND f.fact_key = u.fact_key;
END;
$$;

-- One article's facts and metadata as its judgements make them. Idempotent: it
-- starts from what the extractor said each time.
CREATE OR REPLACE FUNCTION review.apply_article_judgements(sid bigint) RETURNS void
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    skey text;
    body text;
    j review.judgements;
BEGIN
    SELECT s.source_key, s.text INTO skey, body FROM public.sources AS s WHERE s.id = sid;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    -- Nothing judged and nothing to put back: one index probe each.
    IF NOT EXISTS (SELECT 1 FROM review.judgements AS rj WHERE rj.source_key = skey AND rj.undone_at IS NULL)
       AND NOT EXISTS (SELECT 1 FROM public.facts AS f WHERE f.source_id = sid AND f.review_status <> 'extracted') THEN
        RETURN;
    END IF;
    -- Back to what the extractor said (nothing to do right after the loader stored the article).
    IF EXISTS (SELECT 1 FROM public.facts AS f WHERE f.source_id = sid AND f.review_status <> 'extracted') THEN
        DELETE FROM public.facts AS f WHERE f.source_id = sid AND f.review_status = 'added' AND f.extracted IS NULL;
        UPDATE public.facts AS f SET
            subject_kind = r.subject_kind, subject_platform_id = r.subject_platform_id,
            subject_enterprise_id = r.subject_enterprise_id, subject_project_id = r.subject_project_id,
            subject_region_id = r.subject_region_id, metric_id = r.metric_id, metric_text = r.metric_text,
            value = r.value, unit = r.unit, value_base = r.value_base, base_unit = r.base_unit,
            qualifier = r.qualifier, period_kind = r.period_kind, period_start = r.period_start,
            period_end = r.period_end, extracted = NULL, review_status = 'extracted'
        FROM public.facts AS o
        CROSS JOIN LATERAL jsonb_populate_record(NULL::public.facts, o.extracted) AS r
        WHERE o.id = f.id AND f.source_id = sid AND f.extracted IS NOT NULL;
        UPDATE public.facts AS f SET review_status = 'extracted'
        WHERE f.source_id = sid AND f.review_status <> 'extracted';
    END IF;
    -- Added facts first (rare), so the other judgements may target them.
    FOR j IN
        SELECT * FROM review.judgements AS rj
        WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action = 'add'
        ORDER BY rj.id
    LOOP
        PERFORM review.add_fact(sid, body, j);
    END LOOP;
    -- Reject, confirm and set in one statement, whatever their number: the fields of two
    -- standing sets of one fact never overlap (check_judgement refuses that), so the
    -- union of their changes is the change.
    BEGIN
        PERFORM review.judge_facts(sid, skey);
    EXCEPTION WHEN check_violation OR not_null_violation THEN
        -- Some change no longer fits its fact: one judgement at a time, the misfits left out.
        FOR j IN
            SELECT * FROM review.judgements AS rj
            WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action IN ('set', 'confirm', 'reject')
            ORDER BY CASE rj.action WHEN 'set' THEN 1 WHEN 'confirm' THEN 2 ELSE 3 END, rj.id
        LOOP
            CASE j.action
                WHEN 'set' THEN
                    PERFORM review.set_fact(sid, j);
                WHEN 'confirm' THEN
                    UPDATE public.facts AS f SET review_status = 'confirmed'
                    WHERE f.source_id = sid AND f.fact_key = j.fact_key AND f.review_status = 'extracted';
                ELSE
                    UPDATE public.facts AS f SET review_status = 'rejected'
                    WHERE f.source_id = sid AND f.fact_key = j.fact_key;
            END CASE;
        END LOOP;
    END;
    FOR j IN
        SELECT * FROM review.judgements AS rj
        WHERE rj.source_key = skey AND rj.undone_at IS NULL AND rj.action = 'source_set'
        ORDER BY rj.id
    LOOP
        UPDATE public.sources AS s SET
            published_on = CASE WHEN j.changes ? 'published_on' THEN (j.changes ->> 'published_on')::date
                                ELSE s.published_on END,
            published_precision = CASE WHEN j.changes ? 'published_on'
                                       THEN coalesce(j.changes ->> 'published_precision', 'day')
                                       ELSE s.published_precision END,
            published_basis = CASE WHEN j.changes ? 'published_on' THEN 'review' ELSE s.published_basis END,
            published_note = CASE WHEN j.changes ? 'published_on' THEN format('review judgement %s', j.id)
                                  ELSE s.published_note END,
            publisher = CASE WHEN j.changes ? 'publisher' THEN j.changes ->> 'publisher' ELSE s.publisher END,
            url = CASE WHEN j.changes ? 'url' THEN j.changes ->> 'url' ELSE s.url END
        WHERE s.id = sid
          AND (s.published_on, s.published_precision, s.publisher, s.url) IS DISTINCT FROM
              (CASE WHEN j.changes ? 'published_on' THEN (j.changes ->> 'published_on')::date ELSE s.published_on END,
               CASE WHEN j.changes ? 'published_on' THEN coalesce(j.changes ->> 'published_precision', 'day')
                    ELSE s.published_precision END,
               CASE WHEN j.changes ? 'publisher' THEN j.changes ->> 'publisher' ELSE s.publisher END,
               CASE WHEN j.changes ? 'url' THEN j.changes ->> 'url' ELSE s.url END);
    END LOOP;
END;
$$;

COMMENT ON FUNCTION review.apply_article_judgements(bigint) IS
    'Puts an article''s facts back to what the extractor said and applies its active judgements (add, set, confirm, reject, source_set); the loader calls it at the end of every article''s store transaction.';

-- Fold one entity into another: every row pointing at it points at the survivor,
-- its names become the survivor's aliases, and it goes.
CREATE OR REPLACE FUNCTION review.merge_entity(kind text, from_id bigint, to_id bigint) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    tab text := kind || 's';
    ref record;
    old_name text;
BEGIN
    IF from_id IS NULL OR to_id IS NULL OR from_id = to_id THEN
        RETURN;
    END IF;
    FOR ref IN
        SELECT cl.relname AS tab, a.attname AS col
        FROM pg_constraint AS con
        JOIN pg_class AS cl ON cl.oid = con.conrelid
        JOIN pg_attribute AS a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
        WHERE con.contype = 'f' AND con.confrelid = format('public.%I', tab)::regclass
          AND cl.relnamespace = 'public'::regnamespace
    LOOP
        IF ref.tab = tab THEN  -- a platform's parent: never itself
            EXECUTE format('UPDATE public.%I SET %I = nullif($1, id) WHERE %I = $2', ref.tab, ref.col, ref.col)
                USING to_id, from_id;
        ELSE
            EXECUTE format('UPDATE public.%I SET %I = $1 WHERE %I = $2', ref.tab, ref.col, ref.col)
                USING to_id, from_id;
        END IF;
    END LOOP;
    EXECUTE format('DELETE FROM public.%I WHERE id = $1 RETURNING name', tab) INTO old_name USING from_id;
    EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                   kind || '_aliases', kind || '_id') USING to_id, old_name;
END;
$$;

-- One entity judgement, forwards. Idempotent.
CREATE OR REPLACE FUNCTION review.apply_entity_judgement(j review.judgements) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
DECLARE
    tab text := j.entity_kind || 's';
    aliases text := j.entity_kind || '_aliases';
    fk text := j.entity_kind || '_id';
    eid bigint := review.entity_id(j.entity_kind, j.entity_key);
    c jsonb := j.changes;
BEGIN
    IF eid IS NULL THEN
        RETURN;  -- orphaned
    END IF;
    CASE j.action
        WHEN 'merge' THEN
            -- The merged entity's own row, if a load created it again; else it is already folded in.
            PERFORM review.merge_entity(j.entity_kind, (SELECT review.entity_id(j.entity_kind, j.other_entity_key)
                                                        WHERE review.entity_id(j.entity_kind, j.other_entity_key) <> eid),
                                        eid);
        WHEN 'rename' THEN
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', aliases, fk) USING eid, c ->> 'name';
            EXECUTE format('INSERT INTO public.%I (%I, alias) SELECT id, name FROM public.%I WHERE id = $1 AND name <> $2'
                           ' ON CONFLICT (alias) DO NOTHING', aliases, fk, tab) USING eid, c ->> 'name';
            EXECUTE format('UPDATE public.%I SET name = $2 WHERE id = $1 AND name <> $2', tab) USING eid, c ->> 'name';
        WHEN 'alias_add' THEN
            EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                           aliases, fk) USING eid, c ->> 'alias';
        WHEN 'alias_drop' THEN
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', aliases, fk) USING eid, c ->> 'alias';
        WHEN 'entity_set' THEN
            UPDATE public.platforms AS p SET
                kind = CASE WHEN c ? 'kind' THEN c ->> 'kind' ELSE p.kind END,
                district = CASE WHEN c ? 'district' THEN c ->> 'district' ELSE p.district END,
                parent_id = CASE WHEN c ? 'parent_key' THEN review.entity_id('platform', c ->> 'parent_key')
                                 ELSE p.parent_id END
            WHERE p.id = eid;
        ELSE
            NULL;
    END CASE;
END;
$$;

-- Every active entity judgement, oldest first: at the end of each load run.
CREATE OR REPLACE FUNCTION review.apply_entity_judgements() RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    j review.judgements;
    n integer := 0;
BEGIN
    FOR j IN
        SELECT * FROM review.judgements AS rj
        WHERE rj.undone_at IS NULL AND rj.action IN ('merge', 'rename', 'alias_add', 'alias_drop', 'entity_set')
        ORDER BY rj.id
    LOOP
        PERFORM review.apply_entity_judgement(j);
        n := n + 1;
    END LOOP;
    RETURN n;
END;
$$;

COMMENT ON FUNCTION review.apply_entity_judgements() IS
    'Applies every active entity judgement (merge, rename, alias, platform kind/parent/district) again; parkdb load calls it at the end of each run.';

-- A judgement's changes must be of the fields its action may change, in values the
-- columns take; it must target something that exists, and not contradict another.
CREATE OR REPLACE FUNCTION review.check_judgement() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := coalesce(NEW.changes, '{}'::jsonb);
    sid bigint;
    body text;
    f public.facts;
    other review.judgements;
    field text;
    allowed text[];
    eid bigint;
    pos integer;
    tab text;
BEGIN
    NEW.made_at := coalesce(NEW.made_at, now());  -- an import keeps the original time
    NEW.made_by := coalesce(nullif(NEW.made_by, ''), current_user);
    NEW.undone_at := NULL;
    NEW.undone_by := NULL;
    allowed := CASE NEW.action
        WHEN 'set' THEN ARRAY['subject_kind', 'subject_name', 'subject_key', 'metric', 'metric_text', 'value', 'unit',
                              'value_base', 'base_unit', 'qualifier', 'period_kind', 'period_start', 'period_end']
        WHEN 'add' THEN ARRAY['subject_kind', 'subject_name', 'subject_key', 'metric', 'metric_text', 'value', 'unit',
                              'value_base', 'base_unit', 'qualifier', 'period_kind', 'period_start', 'period_end']
        WHEN 'source_set' THEN ARRAY['published_on', 'published_precision', 'publisher', 'url', 'old']
        WHEN 'rename' THEN ARRAY['name', 'old_name']
        WHEN 'alias_add' THEN ARRAY['alias']
        WHEN 'alias_drop' THEN ARRAY['alias']
        WHEN 'entity_set' THEN ARRAY['kind', 'district', 'parent_key', 'parent_name', 'old']
        ELSE ARRAY[]::text[] END;
    FOR field IN SELECT jsonb_object_keys(c) LOOP
        IF NOT field = ANY (allowed) THEN
            RAISE EXCEPTION 'a % judgement cannot change %', NEW.action, field
                USING HINT = format('it may change: %s', coalesce(array_to_string(allowed, ', '), 'nothing'));
        END IF;
    END LOOP;
    -- Values the columns take.
    BEGIN
        PERFORM (c ->> 'value')::numeric, (c ->> 'value_base')::numeric, (c ->> 'period_start')::date,
                (c ->> 'period_end')::date, (c ->> 'published_on')::date;
    EXCEPTION WHEN OTHERS THEN
        RAISE EXCEPTION 'a value does not parse: %', SQLERRM;
    END;
    IF c ->> 'qualifier' IS NOT NULL AND c ->> 'qualifier' NOT IN ('more_than', 'about', 'less_than') THEN
        RAISE EXCEPTION 'qualifier must be more_than, about, less_than or null, not %', c ->> 'qualifier';
    END IF;
    IF c ? 'period_kind' AND coalesce(c ->> 'period_kind', '') NOT IN ('actual', 'asof', 'target', 'unknown') THEN
        RAISE EXCEPTION 'period_kind must be actual, asof, target or unknown, not %', c ->> 'period_kind';
    END IF;
    IF c ? 'published_precision' AND coalesce(c ->> 'published_precision', '') NOT IN ('day', 'month', 'year') THEN
        RAISE EXCEPTION 'published_precision must be day, month or year, not %', c ->> 'published_precision';
    END IF;
    IF c ? 'unit' AND NOT (c ? 'value_base' AND c ? 'base_unit') THEN
        RAISE EXCEPTION 'a new unit needs value_base and base_unit too (null when the unit has no base)';
    END IF;
    IF (c ? 'value_base' OR c ? 'base_unit') AND (c ->> 'value_base' IS NULL) <> (c ->> 'base_unit' IS NULL) THEN
        RAISE EXCEPTION 'value_base and base_unit go together: both given or both null';
    END IF;
    IF c ? 'subject_kind' AND NOT c ? 'subject_name' THEN
        RAISE EXCEPTION 'a new subject_kind needs a subject_name';
    END IF;
    IF c ? 'metric' AND NOT EXISTS (SELECT 1 FROM public.metrics AS m WHERE m.name = c ->> 'metric') THEN
        RAISE EXCEPTION 'no metric named % (reporting.facts shows the metric names in use)', c ->> 'metric';
    END IF;

    -- The target.
    IF NEW.action IN ('reject', 'confirm', 'set', 'add', 'source_set') THEN
        IF NEW.source_key IS NULL AND NEW.fact_key IS NOT NULL THEN
            SELECT s.source_key INTO NEW.source_key
            FROM public.facts AS fx JOIN public.sources AS s ON s.id = fx.source_id
            WHERE fx.fact_key = NEW.fact_key LIMIT 1;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no fact with fact_key % (reporting.facts and reporting.fact_candidates show them)',
                    NEW.fact_key;
            END IF;
        END IF;
        SELECT s.id, s.text INTO sid, body FROM public.sources AS s WHERE s.source_key = NEW.source_key;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no article with source_key % (reporting.sources lists them)', NEW.source_key;
        END IF;
    END IF;
    IF NEW.action IN ('reject', 'confirm', 'set') THEN
        SELECT * INTO f FROM public.facts AS fx WHERE fx.source_id = sid AND fx.fact_key = NEW.fact_key;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no fact with fact_key % in %', NEW.fact_key, NEW.source_key;
        END IF;
        IF NEW.anchor IS NULL THEN
            NEW.anchor := jsonb_build_object(
                'exact', f.quote, 'prefix', substr(body, greatest(f.char_start - 7, 0) + 1, least(f.char_start, 8)),
                'suffix', substr(body, f.char_end + 1, 8), 'start', f.char_start, 'end', f.char_end);
        END IF;
    END IF;
    IF NEW.action IN ('set', 'add') AND c ? 'subject_name' THEN
        c := c || jsonb_build_object('subject_kind', coalesce(c ->> 'subject_kind', f.subject_kind));
        NEW.changes := c;
        IF coalesce(c ->> 'subject_kind', f.subject_kind) = 'region' THEN
            INSERT INTO public.regions (name) VALUES (c ->> 'subject_name') ON CONFLICT (name) DO NOTHING;
        ELSE
            IF coalesce(c ->> 'subject_kind', f.subject_kind) NOT IN ('platform', 'enterprise', 'project') THEN
                RAISE EXCEPTION 'subject_kind must be platform, enterprise, project or region, not %',
                    coalesce(c ->> 'subject_kind', f.subject_kind);
            END IF;
            tab := coalesce(c ->> 'subject_kind', f.subject_kind);
            EXECUTE format('SELECT e.entity_key FROM public.%I AS e WHERE e.name = $1'
                           ' UNION ALL SELECT e.entity_key FROM public.%I AS e JOIN public.%I AS a ON a.%I = e.id'
                           ' WHERE a.alias = $1 LIMIT 1', tab || 's', tab || 's', tab || '_aliases', tab || '_id')
                INTO field USING c ->> 'subject_name';
            IF field IS NULL THEN
                RAISE EXCEPTION 'no % named %', tab, c ->> 'subject_name';
            END IF;
            NEW.changes := c || jsonb_build_object('subject_key', field);
        END IF;
        c := NEW.changes;
    END IF;
    IF NEW.action = 'add' THEN
        IF NOT (c ? 'subject_kind' AND c ? 'subject_name' AND c ? 'metric' AND c ? 'value' AND c ? 'unit'
                AND c ? 'period_kind') THEN
            RAISE EXCEPTION 'an added fact needs subject_kind, subject_name, metric, value, unit and period_kind';
        END IF;
        pos := review.find_quote(body, NEW.anchor);
        IF pos IS NULL THEN
            RAISE EXCEPTION 'the quote % is not in %', NEW.anchor ->> 'exact', NEW.source_key;
        END IF;
        IF coalesce(NEW.anchor ->> 'figure', '') = '' OR strpos(NEW.anchor ->> 'exact', NEW.anchor ->> 'figure') = 0 THEN
            RAISE EXCEPTION 'the figure % is not in the quote %', NEW.anchor ->> 'figure', NEW.anchor ->> 'exact';
        END IF;
        NEW.anchor := NEW.anchor || jsonb_build_object(
            'start', pos, 'end', pos + char_length(NEW.anchor ->> 'exact'),
            'prefix', substr(body, greatest(pos - 7, 0) + 1, least(pos, 8)),
            'suffix', substr(body, pos + char_length(NEW.anchor ->> 'exact') + 1, 8));
        -- Which copy of the quote it is: the occurrence index of loaders.store.fact_key.
        NEW.fact_key := coalesce(NEW.fact_key, review.fact_key(
            NEW.source_key, NEW.anchor ->> 'exact', NEW.anchor ->> 'figure',
            ((char_length(left(body, pos)) - char_length(replace(left(body, pos), NEW.anchor ->> 'exact', '')))
             / char_length(NEW.anchor ->> 'exact'))::text));
    END IF;
    IF NEW.action IN ('merge', 'rename', 'alias_add', 'alias_drop', 'entity_set') THEN
        IF NEW.entity_kind IS NULL THEN
            SELECT k INTO NEW.entity_kind FROM unnest(ARRAY['platform', 'enterprise', 'project', 'institution']) AS k
            WHERE review.entity_id(k, NEW.entity_key) IS NOT NULL LIMIT 1;
        END IF;
        eid := review.entity_id(NEW.entity_kind, NEW.entity_key);
        IF eid IS NULL THEN
            RAISE EXCEPTION 'no entity with entity_key % (reporting.entity_mentions shows them)', NEW.entity_key;
        END IF;
        tab := NEW.entity_kind || 's';
        IF NEW.action = 'merge' THEN
            IF review.entity_id(NEW.entity_kind, NEW.other_entity_key) IS NULL THEN
                RAISE EXCEPTION 'no % with entity_key %', NEW.entity_kind, NEW.other_entity_key;
            ELSIF review.entity_id(NEW.entity_kind, NEW.other_entity_key) = eid THEN
                RAISE EXCEPTION '% and % are already one %', NEW.entity_key, NEW.other_entity_key, NEW.entity_kind;
            END IF;
        ELSIF NEW.action = 'rename' THEN
            EXECUTE format('SELECT name FROM public.%I WHERE id = $1', tab) INTO field USING eid;
            NEW.changes := c || jsonb_build_object('old_name', field);
            EXECUTE format('SELECT count(*) FROM (SELECT id FROM public.%I WHERE name = $1 AND id <> $2'
                           ' UNION ALL SELECT %I FROM public.%I WHERE alias = $1 AND %I <> $2) AS x',
                           tab, NEW.entity_kind || '_id', NEW.entity_kind || '_aliases', NEW.entity_kind || '_id')
                INTO pos USING c ->> 'name', eid;
            IF coalesce(c ->> 'name', '') = '' OR pos > 0 THEN
                RAISE EXCEPTION 'another % is already called % (merge them instead)', NEW.entity_kind, c ->> 'name';
            END IF;
        ELSIF NEW.action IN ('alias_add', 'alias_drop') THEN
            EXECUTE format('SELECT %I FROM public.%I WHERE alias = $1', NEW.entity_kind || '_id', NEW.entity_kind || '_aliases')
                INTO pos USING c ->> 'alias';
            IF coalesce(c ->> 'alias', '') = '' THEN
                RAISE EXCEPTION 'an alias judgement needs the alias';
            ELSIF NEW.action = 'alias_add' AND pos IS NOT NULL AND pos <> eid THEN
                RAISE EXCEPTION '% is already an alias of another % (merge them instead)', c ->> 'alias', NEW.entity_kind;
            ELSIF NEW.action = 'alias_drop' AND (pos IS NULL OR pos <> eid) THEN
                RAISE EXCEPTION '% is not an alias of %', c ->> 'alias', NEW.entity_key;
            END IF;
        ELSIF NEW.action = 'entity_set' THEN
            IF NEW.entity_kind <> 'platform' THEN
                RAISE EXCEPTION 'kind, parent and district are set on platforms only';
            END IF;
            IF c ? 'kind' AND coalesce(c ->> 'kind', '') NOT IN ('corridor', 'zone', 'park', 'incubator') THEN
                RAISE EXCEPTION 'a platform kind is corridor, zone, park or incubator, not %', c ->> 'kind';
            END IF;
            IF c ? 'parent_name' THEN
                SELECT p.entity_key INTO field FROM public.platforms AS p WHERE p.name = c ->> 'parent_name';
                IF field IS NULL THEN
                    RAISE EXCEPTION 'no platform named %', c ->> 'parent_name';
                END IF;
                c := (c - 'parent_name') || jsonb_build_object('parent_key', field);
            END IF;
            NEW.changes := c || jsonb_build_object('old', (SELECT jsonb_build_object(
                'kind', p.kind, 'district', p.district,
                'parent_key', (SELECT pp.entity_key FROM public.platforms AS pp WHERE pp.id = p.parent_id))
                FROM public.platforms AS p WHERE p.id = eid));
        END IF;
    END IF;
    IF NEW.action = 'source_set' THEN
        IF c = '{}'::jsonb THEN
            RAISE EXCEPTION 'an article judgement needs published_on, publisher or url';
        END IF;
        NEW.changes := (c - 'old') || jsonb_build_object('old', (SELECT jsonb_build_object(
            'published_on', s.published_on, 'published_precision', s.published_precision,
            'published_basis', s.published_basis, 'published_note', s.published_note,
            'publisher', s.publisher, 'url', s.url) FROM public.sources AS s WHERE s.id = sid));
    END IF;

    -- Contradictions: undo the other judgement first.
    SELECT * INTO other FROM review.judgements AS rj
    WHERE rj.undone_at IS NULL AND (
        (NEW.action IN ('reject', 'confirm', 'set', 'add') AND rj.source_key = NEW.source_key
         AND rj.fact_key = NEW.fact_key AND rj.action IN ('reject', 'confirm', 'set', 'add')
         AND (NEW.action = rj.action AND NEW.action IN ('reject', 'confirm', 'add')
              OR 'reject' IN (NEW.action, rj.action)
              OR (NEW.action = 'set' AND rj.action = 'set' AND EXISTS (
                    SELECT 1 FROM jsonb_object_keys(NEW.changes) AS k
                    WHERE k <> 'subject_key' AND rj.changes ? k))))
        OR (NEW.action = 'source_set' AND rj.action = 'source_set' AND rj.source_key = NEW.source_key
            AND EXISTS (SELECT 1 FROM jsonb_object_keys(NEW.changes) AS k WHERE k <> 'old' AND rj.changes ? k))
        OR (NEW.action = rj.action AND NEW.action IN ('rename', 'entity_set') AND rj.entity_kind = NEW.entity_kind
            AND review.entity_id(rj.entity_kind, rj.entity_key) = eid
            AND (NEW.action = 'rename' OR EXISTS (SELECT 1 FROM jsonb_object_keys(NEW.changes) AS k
                                                  WHERE k <> 'old' AND rj.changes ? k)))
        OR (NEW.action IN ('alias_add', 'alias_drop') AND rj.action IN ('alias_add', 'alias_drop')
            AND rj.entity_kind = NEW.entity_kind AND rj.changes ->> 'alias' = NEW.changes ->> 'alias'))
    ORDER BY rj.id
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'this % contradicts or repeats judgement % (% by % on %); undo that one first',
            NEW.action, other.id, other.action, other.made_by, other.made_at::date
            USING HINT = format('parkdb review undo %s', other.id);
    END IF;
    RETURN NEW;
END;
$$;

-- Judgements are history: only undoing one (once) changes a row.
CREATE OR REPLACE FUNCTION review.check_undo() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
    IF OLD.undone_at IS NOT NULL THEN
        RAISE EXCEPTION 'judgement % was already undone on % by %', OLD.id, OLD.undone_at::date, OLD.undone_by;
    END IF;
    IF (to_jsonb(NEW) - 'undone_at' - 'undone_by') <> (to_jsonb(OLD) - 'undone_at' - 'undone_by') THEN
        RAISE EXCEPTION 'a judgement is not edited: undo it (parkdb review undo %) and record a new one', OLD.id;
    END IF;
    IF OLD.action = 'merge' THEN
        RAISE EXCEPTION 'merge % cannot be undone: the merged entity''s rows now belong to %', OLD.id, OLD.entity_key;
    END IF;
    NEW.undone_at := coalesce(NEW.undone_at, now());
    NEW.undone_by := coalesce(nullif(NEW.undone_by, ''), current_user);
    RETURN NEW;
END;
$$;

-- A judgement written or undone takes effect at once.
CREATE OR REPLACE FUNCTION review.judgement_applied() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
    c jsonb := NEW.changes;
    eid bigint;
BEGIN
    IF NEW.action IN ('reject', 'confirm', 'set', 'add', 'source_set') THEN
        IF TG_OP = 'UPDATE' AND NEW.action = 'source_set' THEN  -- put back what the article said
            UPDATE public.sources AS s SET
                published_on = CASE WHEN c ? 'published_on' THEN (c -> 'old' ->> 'published_on')::date ELSE s.published_on END,
                published_precision = CASE WHEN c ? 'published_on' THEN c -> 'old' ->> 'published_precision'
                                           ELSE s.published_precision END,
                published_basis = CASE WHEN c ? 'published_on' THEN c -> 'old' ->> 'published_basis' ELSE s.published_basis END,
                published_note = CASE WHEN c ? 'published_on' THEN c -> 'old' ->> 'published_note' ELSE s.published_note END,
                publisher = CASE WHEN c ? 'publisher' THEN c -> 'old' ->> 'publisher' ELSE s.publisher END,
                url = CASE WHEN c ? 'url' THEN c -> 'old' ->> 'url' ELSE s.url END
            WHERE s.source_key = NEW.source_key;
        END IF;
        PERFORM review.apply_article_judgements(s.id) FROM public.sources AS s WHERE s.source_key = NEW.source_key;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM review.apply_entity_judgement(NEW);
    ELSE  -- undo an entity judgement
        eid := review.entity_id(NEW.entity_kind, NEW.entity_key);
        IF NEW.action = 'rename' THEN
            EXECUTE format('UPDATE public.%I SET name = $2 WHERE id = $1', NEW.entity_kind || 's')
                USING eid, c ->> 'old_name';
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', NEW.entity_kind || '_aliases',
                           NEW.entity_kind || '_id') USING eid, c ->> 'old_name';
            EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                           NEW.entity_kind || '_aliases', NEW.entity_kind || '_id') USING eid, c ->> 'name';
        ELSIF NEW.action = 'alias_add' THEN
            EXECUTE format('DELETE FROM public.%I WHERE %I = $1 AND alias = $2', NEW.entity_kind || '_aliases',
                           NEW.entity_kind || '_id') USING eid, c ->> 'alias';
        ELSIF NEW.action = 'alias_drop' THEN
            EXECUTE format('INSERT INTO public.%I (%I, alias) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
                           NEW.entity_kind || '_aliases', NEW.entity_kind || '_id') USING eid, c ->> 'alias';
        ELSIF NEW.action = 'entity_set' THEN
            UPDATE public.platforms AS p SET
                kind = CASE WHEN c ? 'kind' THEN c -> 'old' ->> 'kind' ELSE p.kind END,
                district = CASE WHEN c ? 'district' THEN c -> 'old' ->> 'district' ELSE p.district END,
                parent_id = CASE WHEN c ? 'parent_key' THEN review.entity_id('platform', c -> 'old' ->> 'parent_key')
                                 ELSE p.parent_id END
            WHERE p.id = eid;
        END IF;
        PERFORM review.apply_entity_judgements();  -- the others still stand
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER judgements_checked
    BEFORE INSERT ON review.judgements
    FOR EACH ROW EXECUTE FUNCTION review.check_judgement();
CREATE OR REPLACE TRIGGER judgements_undone_checked
    BEFORE UPDATE ON review.judgements
    FOR EACH ROW EXECUTE FUNCTION review.check_undo();
CREATE OR REPLACE TRIGGER judgements_applied
    AFTER INSERT OR UPDATE ON review.judgements
    FOR EACH ROW EXECUTE FUNCTION review.judgement_applied();
"""

PREVIOUS_ORPHANED_JUDGEMENTS = r"""
-- reporting.orphaned_judgements: one row per analyst's judgement that no longer
-- finds what it was made on.
-- A judgement is never silently dropped: when its article is gone, its fact is no
-- longer extracted (the quote or the figure changed), an added fact's quote is no
-- longer in the article, a change no longer fits the fact as extracted, or its
-- entity no longer exists, it is listed here (and
-- counted by parkdb status) until someone undoes it or records it again.
CREATE OR REPLACE VIEW reporting.orphaned_judgements AS
WITH active AS (
    SELECT j.*,
           s.id AS source_id,
           s.text AS body
    FROM review.judgements AS j
    LEFT JOIN public.sources AS s ON s.source_key = j.source_key
    WHERE j.undone_at IS NULL
),
checked AS (
    SELECT a.*,
           CASE
               WHEN a.action IN ('reject', 'confirm', 'set', 'add', 'source_set') AND a.source_id IS NULL
                   THEN 'the article is no longer stored'
               WHEN a.action = 'add' AND review.find_quote(a.body, a.anchor) IS NULL
                   THEN 'the quote is no longer in the article'
               WHEN a.action IN ('reject', 'confirm', 'set')
                    AND NOT EXISTS (SELECT 1 FROM public.facts AS f
                                    WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key)
                   THEN 'the fact is no longer extracted from the article (its quote or figure changed)'
               WHEN a.action = 'set'
                    AND EXISTS (SELECT 1 FROM public.facts AS f
                                WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key
                                  AND f.review_status IN ('extracted', 'confirmed'))
                   THEN 'the change no longer fits the fact as extracted (its subject or metric is gone, or its period kind changed)'
               WHEN a.action = 'add'
                    AND NOT EXISTS (SELECT 1 FROM public.facts AS f
                                    WHERE f.source_id = a.source_id AND f.fact_key = a.fact_key)
                   THEN 'the added fact''s subject or metric no longer exists'
               WHEN a.action IN ('merge', 'rename', 'alias_add', 'alias_drop', 'entity_set')
                    AND review.entity_id(a.entity_kind, a.entity_key) IS NULL
                   THEN 'the entity no longer exists'
           END AS problem
    FROM active AS a
)
SELECT id AS judgement_id,
       action,
       source_key,
       fact_key,
       entity_key,
       anchor ->> 'exact' AS quote,
       problem,
       why,
       made_by,
       made_at
FROM checked
WHERE problem IS NOT NULL;

COMMENT ON VIEW reporting.orphaned_judgements IS
    'One row per active analyst''s judgement whose anchor can no longer be found (article gone, fact no longer extracted, quote no longer in the article, entity gone): never silently dropped; undo it or record it again.';
COMMENT ON COLUMN reporting.orphaned_judgements.judgement_id IS 'The judgement (review.judgements.id; parkdb review undo takes it).';
COMMENT ON COLUMN reporting.orphaned_judgements.action IS 'reject, confirm, set, add, source_set, merge, rename, alias_add, alias_drop or entity_set.';
COMMENT ON COLUMN reporting.orphaned_judgements.source_key IS 'The article it was made on, for fact and article judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.fact_key IS 'The fact it was made on, for fact judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.entity_key IS 'The entity it was made on, for entity judgements.';
COMMENT ON COLUMN reporting.orphaned_judgements.quote IS 'The quote it was anchored on (TextQuoteSelector exact).';
COMMENT ON COLUMN reporting.orphaned_judgements.problem IS 'What can no longer be found.';
COMMENT ON COLUMN reporting.orphaned_judgements.why IS 'The analyst''s reason for the judgement.';
COMMENT ON COLUMN reporting.orphaned_judgements.made_by IS 'Who made it (database role or --by name).';
COMMENT ON COLUMN reporting.orphaned_judgements.made_at IS 'When it was made.';
"""


def quoted(actions) -> str:
    return ", ".join(f"'{a}'" for a in actions)


def upgrade() -> None:
    op.drop_constraint(op.f("ck_judgements_action"), "judgements", schema="review", type_="check")
    op.create_check_constraint(op.f("ck_judgements_action"), "judgements", f"action IN ({quoted(ACTIONS + NEW_ACTIONS)})",
                               schema="review")
    op.drop_constraint(op.f("ck_judgements_target"), "judgements", schema="review", type_="check")
    op.create_check_constraint(op.f("ck_judgements_target"), "judgements", TARGET.format(quoted(("source_set", "reprint"))),
                               schema="review")
    op.execute(STRUCTURE)
    op.execute(JUDGEMENTS)
    op.execute(ORPHANED_JUDGEMENTS)
    op.execute(GRANT)


def downgrade() -> None:
    op.execute(f"""DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM review.judgements WHERE action IN ({quoted(NEW_ACTIONS)})) THEN
            RAISE EXCEPTION 'review.judgements holds reprint, split or retype judgements, which revision 0026 cannot hold:'
                ' export them (parkdb review export) and delete them first';
        END IF;
    END $$""")
    op.execute("UPDATE public.sources SET reprint_of_id = NULL WHERE reprint_of_id IS NOT NULL")
    op.execute("DROP INDEX review.ix_judgements_reprint_of")
    op.execute(PREVIOUS_ORPHANED_JUDGEMENTS)
    op.execute(PREVIOUS_JUDGEMENTS)
    op.execute("DROP FUNCTION review.check_structural(review.judgements), review.create_entity(text, text, text, jsonb), review.repoint_rows(text, bigint, text, bigint, text, text), review.move_names(text, bigint, text, bigint, text[]), review.move_entity(text, bigint, text, bigint), review.apply_reprints(bigint, text), review.split_entity(review.judgements), review.retype_entity(review.judgements), review.unsplit_entity(review.judgements), review.unretype_entity(review.judgements), review.entity_names(text, bigint), review.entity_attributes(text, bigint), review.named_rows_filter(text, text, bigint, text[], text[])")
    op.drop_constraint(op.f("ck_judgements_target"), "judgements", schema="review", type_="check")
    op.create_check_constraint(op.f("ck_judgements_target"), "judgements", TARGET.format(quoted(("source_set",))),
                               schema="review")
    op.drop_constraint(op.f("ck_judgements_action"), "judgements", schema="review", type_="check")
    op.create_check_constraint(op.f("ck_judgements_action"), "judgements", f"action IN ({quoted(ACTIONS)})",
                               schema="review")
    op.execute("COMMENT ON COLUMN review.judgements.action IS 'reject, confirm, set or add a fact; source_set (an article''s"
               " date, publisher or URL); merge, rename, alias_add, alias_drop or entity_set (a platform''s kind, parent,"
               " district).'")
