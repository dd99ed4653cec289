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
