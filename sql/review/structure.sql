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
