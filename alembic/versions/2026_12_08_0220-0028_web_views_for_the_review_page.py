"""Views for the review web page: an article's raw text, its facts and its mentions, by source_key.

Why: `parkdb serve` (issue 13) reads as parkdb_reader, which sees only schema reporting.
It shows an article's raw decoded text one click away from the cleaned text
(reporting.source_raw_texts, kept apart from reporting.sources so that listing articles
never reads the raw files), and the article's facts, candidates and mentions. The
contract views are built for filters on names: filtered on source_key, reporting.facts
took 4.5 s and reporting.entity_mentions 0.8 s on the 100,000-article benchmark
database (bench/RESULTS.md), as their union branches cannot take the article's id.
reporting.source_facts and reporting.source_mentions start from the article instead
(about 6 ms and 2 ms there). Downgrade drops the three views.

Revision ID: 0028_web_views
Revises: 0027_review_reprint_split_retype
Created: 2026-12-08 02:20:00
"""
from __future__ import annotations

from alembic import op

revision = "0028_web_views"
down_revision = "0027_review_reprint_split_retype"
branch_labels = None
depends_on = None

RAW_TEXTS = r"""
CREATE OR REPLACE VIEW reporting.source_raw_texts AS
SELECT s.source_key,
       s.encoding,
       s.media_type,
       s.raw_text
FROM public.sources AS s;

COMMENT ON VIEW reporting.source_raw_texts IS
    'One row per article: the file as decoded, before cleaning, with its encoding and media type (filter on source_key).';
COMMENT ON COLUMN reporting.source_raw_texts.source_key IS 'The article''s readable unique key (as reporting.sources).';
COMMENT ON COLUMN reporting.source_raw_texts.encoding IS 'The encoding the file was decoded from (utf-8, gb18030, big5, ...).';
COMMENT ON COLUMN reporting.source_raw_texts.media_type IS 'text/plain or text/html.';
COMMENT ON COLUMN reporting.source_raw_texts.raw_text IS 'The decoded file before cleaning (HTML pages as markup: untrusted, show it escaped).';
"""

SOURCE_FACTS = r"""CREATE OR REPLACE VIEW reporting.source_facts AS
SELECT s.source_key,
       s.published_on,
       f.subject_kind,
       coalesce(p.name, e.name, pr.name, r.name) AS subject_name,
       m.name AS metric,
       f.metric_text,
       f.value,
       f.unit,
       f.value_base,
       f.base_unit,
       f.qualifier,
       f.period_kind,
       f.period_start,
       f.period_end,
       f.quote,
       f.char_start,
       f.char_end,
       f.fact_key,
       f.review_status,
       CASE WHEN f.review_status IN ('confirmed', 'added') THEN 1 ELSE f.confidence END AS confidence,
       f.reasons,
       public.fact_is_shown(f.review_status, f.confidence) AS is_shown
FROM public.sources AS s
JOIN public.facts AS f ON f.source_id = s.id
JOIN public.metrics AS m ON m.id = f.metric_id
LEFT JOIN public.platforms AS p ON p.id = f.subject_platform_id
LEFT JOIN public.enterprises AS e ON e.id = f.subject_enterprise_id
LEFT JOIN public.projects AS pr ON pr.id = f.subject_project_id
LEFT JOIN public.regions AS r ON r.id = f.subject_region_id
WHERE f.review_status <> 'rejected';

COMMENT ON VIEW reporting.source_facts IS
    'One row per fact of an article that is shown (as reporting.facts) or a candidate (as reporting.fact_candidates), with is_shown and the reasons; rejected facts left out. Filter on source_key.';
COMMENT ON COLUMN reporting.source_facts.source_key IS 'The article''s readable unique key.';
COMMENT ON COLUMN reporting.source_facts.published_on IS 'The article''s publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.source_facts.subject_kind IS 'platform, enterprise, project or region.';
COMMENT ON COLUMN reporting.source_facts.subject_name IS 'Canonical name of the subject.';
COMMENT ON COLUMN reporting.source_facts.metric IS 'Canonical metric name from the metric catalogue.';
COMMENT ON COLUMN reporting.source_facts.metric_text IS 'The metric phrase as written in the article.';
COMMENT ON COLUMN reporting.source_facts.value IS 'The number as written (113.8); negative for a fall.';
COMMENT ON COLUMN reporting.source_facts.unit IS 'The unit as written (亿元).';
COMMENT ON COLUMN reporting.source_facts.value_base IS 'The value in the base unit (11380000000).';
COMMENT ON COLUMN reporting.source_facts.base_unit IS 'yuan, percent, pp, count, m2, mu, tce, ...';
COMMENT ON COLUMN reporting.source_facts.qualifier IS 'more_than, about, less_than, or null.';
COMMENT ON COLUMN reporting.source_facts.period_kind IS 'actual, asof, target or unknown.';
COMMENT ON COLUMN reporting.source_facts.period_start IS 'First day the figure covers (null for asof/unknown).';
COMMENT ON COLUMN reporting.source_facts.period_end IS 'Last day it covers, or the as-of date.';
COMMENT ON COLUMN reporting.source_facts.quote IS 'The clause of the article that states it.';
COMMENT ON COLUMN reporting.source_facts.char_start IS 'Start of the quote in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.source_facts.char_end IS 'End of the quote in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.source_facts.fact_key IS 'The fact''s stable identity (what parkdb review takes).';
COMMENT ON COLUMN reporting.source_facts.review_status IS 'extracted, confirmed, corrected or added.';
COMMENT ON COLUMN reporting.source_facts.confidence IS 'The extractor''s confidence, 0 to 1 (1 for figures added or confirmed by an analyst).';
COMMENT ON COLUMN reporting.source_facts.reasons IS 'What lowered the extractor''s confidence.';
COMMENT ON COLUMN reporting.source_facts.is_shown IS 'True when reporting.facts shows it; false for a candidate under the confidence threshold.';"""

SOURCE_MENTIONS = r"""CREATE OR REPLACE VIEW reporting.source_mentions AS
SELECT s.source_key,
       em.entity_kind,
       coalesce(p.name, e.name, pr.name, i.name) AS entity_name,
       em.surface,
       em.char_start,
       em.char_end,
       coalesce(p.entity_key, e.entity_key, pr.entity_key, i.entity_key) AS entity_key
FROM public.sources AS s
JOIN public.entity_mentions AS em ON em.source_id = s.id
LEFT JOIN public.platforms AS p ON p.id = em.platform_id
LEFT JOIN public.enterprises AS e ON e.id = em.enterprise_id
LEFT JOIN public.projects AS pr ON pr.id = em.project_id
LEFT JOIN public.institutions AS i ON i.id = em.institution_id;

COMMENT ON VIEW reporting.source_mentions IS
    'One row per entity mention in an article, as reporting.entity_mentions, built for a filter on source_key.';
COMMENT ON COLUMN reporting.source_mentions.source_key IS 'The article''s readable unique key.';
COMMENT ON COLUMN reporting.source_mentions.entity_kind IS 'platform, enterprise, project or institution.';
COMMENT ON COLUMN reporting.source_mentions.entity_name IS 'Canonical name of the entity.';
COMMENT ON COLUMN reporting.source_mentions.surface IS 'The form written in the article.';
COMMENT ON COLUMN reporting.source_mentions.char_start IS 'Start of the surface in the stored article text (sources.text).';
COMMENT ON COLUMN reporting.source_mentions.char_end IS 'End of the surface in the stored article text (exclusive).';
COMMENT ON COLUMN reporting.source_mentions.entity_key IS 'The entity''s stable identity.';"""

VIEWS = ("source_raw_texts", "source_facts", "source_mentions")

# Default privileges grant new reporting views to both roles when the migrating user
# set them up; granting by name also covers a database migrated by another owner.
GRANT = r"""
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parkdb_reader') THEN
        GRANT SELECT ON reporting.source_raw_texts, reporting.source_facts, reporting.source_mentions TO parkdb_reader;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parkdb_reviewer') THEN
        GRANT SELECT ON reporting.source_raw_texts, reporting.source_facts, reporting.source_mentions TO parkdb_reviewer;
    END IF;
END;
$$;
"""


def upgrade() -> None:
    op.execute(RAW_TEXTS)
    op.execute(SOURCE_FACTS)
    op.execute(SOURCE_MENTIONS)
    op.execute(GRANT)


def downgrade() -> None:
    for view in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS reporting.{view}")
