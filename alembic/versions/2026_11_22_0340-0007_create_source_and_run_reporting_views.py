"""Create reporting.sources and reporting.load_runs.

Why: analysts need to see what each article yielded and operators need the run
audit (durations, rejections with reasons) without reading the core tables,
which parkdb_reader cannot. This revision carries its own copy of each view's
SQL (current definitions in sql/).

Revision ID: 0007
Revises: 0006
Created: 2026-11-22 03:40:00
"""
from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SOURCES = r"""
-- reporting.sources: one row per article.
-- What was loaded and what came out of it: headline, publisher, date (with how
-- precise it is and where it comes from), how many distinct entities and facts
-- were extracted, by which extractor, and the load run that last wrote it.
-- Filter on source_key or published_on; the counts are LATERAL lookups.
CREATE OR REPLACE VIEW reporting.sources AS
WITH extraction_counts AS (
    SELECT s.id AS source_id,
           mentions.entity_count,
           mentions.mention_count,
           facts.fact_count
    FROM public.sources AS s
    LEFT JOIN LATERAL (
        SELECT count(DISTINCT em.platform_id) + count(DISTINCT em.enterprise_id)
               + count(DISTINCT em.project_id) + count(DISTINCT em.institution_id) AS entity_count,
               count(*) AS mention_count
        FROM public.entity_mentions AS em
        WHERE em.source_id = s.id
    ) AS mentions ON true
    LEFT JOIN LATERAL (
        SELECT count(*) AS fact_count
        FROM public.facts AS f
        WHERE f.source_id = s.id
    ) AS facts ON true
)
SELECT s.source_key,
       s.title,
       s.publisher,
       s.published_on,
       s.published_precision,
       s.published_basis,
       ec.entity_count,
       ec.mention_count,
       ec.fact_count,
       s.extractor_version,
       s.load_run_id,
       s.last_loaded_at
FROM public.sources AS s
JOIN extraction_counts AS ec ON ec.source_id = s.id;

COMMENT ON VIEW reporting.sources IS
    'One row per article: headline, publisher, publication date with its precision and basis, counts of distinct entities, mentions and facts extracted, the extractor version, and the load run that last wrote it.';
COMMENT ON COLUMN reporting.sources.source_key IS 'The article file''s path relative to the folder given to load; unique per source.';
COMMENT ON COLUMN reporting.sources.title IS 'Headline.';
COMMENT ON COLUMN reporting.sources.publisher IS 'Publishing outlet, when known.';
COMMENT ON COLUMN reporting.sources.published_on IS 'Publication date (first day of month/year when only those are known).';
COMMENT ON COLUMN reporting.sources.published_precision IS 'How precise published_on is: day, month or year.';
COMMENT ON COLUMN reporting.sources.published_basis IS 'Where published_on comes from: manifest, explicit (printed in the article) or inferred.';
COMMENT ON COLUMN reporting.sources.entity_count IS 'Distinct platforms, enterprises, projects and institutions the article mentions.';
COMMENT ON COLUMN reporting.sources.mention_count IS 'Entity mentions extracted from the article.';
COMMENT ON COLUMN reporting.sources.fact_count IS 'Facts extracted from the article.';
COMMENT ON COLUMN reporting.sources.extractor_version IS 'Extractor version that produced its facts and mentions.';
COMMENT ON COLUMN reporting.sources.load_run_id IS 'The load run that last wrote it (see reporting.load_runs).';
COMMENT ON COLUMN reporting.sources.last_loaded_at IS 'When its extraction was last written.';
"""

LOAD_RUNS = r"""
-- reporting.load_runs: one row per `parkdb load` run.
-- The operators' audit: when each run started and ended, how long it took, what
-- it did to the files it saw, and why files were rejected (a sample of reasons).
CREATE OR REPLACE VIEW reporting.load_runs AS
WITH run_rejections AS (
    SELECT lr.id AS load_run_id,
           rejections.rejected_count,
           rejections.sample_reasons
    FROM public.load_runs AS lr
    LEFT JOIN LATERAL (
        SELECT count(*) AS rejected_count,
               (array_agg(DISTINCT rf.reason ORDER BY rf.reason))[1:5] AS sample_reasons
        FROM public.rejected_files AS rf
        WHERE rf.load_run_id = lr.id
    ) AS rejections ON true
)
SELECT lr.id AS load_run_id,
       lr.status,
       lr.started_at,
       lr.finished_at,
       round(extract(epoch FROM lr.finished_at - lr.started_at), 3) AS duration_seconds,
       lr.extractor_version,
       lr.dictionary_hash,
       lr.paths,
       lr.files_seen,
       lr.files_stored,
       lr.files_unchanged,
       lr.files_replaced,
       lr.files_rejected,
       lr.files_skipped,
       lr.facts_written,
       lr.mentions_written,
       rr.rejected_count,
       coalesce(rr.sample_reasons, '{}') AS sample_reasons
FROM public.load_runs AS lr
JOIN run_rejections AS rr ON rr.load_run_id = lr.id;

COMMENT ON VIEW reporting.load_runs IS
    'One row per parkdb load run, for operators: status, start, end and duration, extractor, the file and row counts, and the rejected files with a sample of the reasons.';
COMMENT ON COLUMN reporting.load_runs.load_run_id IS 'The run''s id (reporting.sources.load_run_id points here).';
COMMENT ON COLUMN reporting.load_runs.status IS 'running, succeeded, partial (some files rejected) or failed.';
COMMENT ON COLUMN reporting.load_runs.started_at IS 'When the run began.';
COMMENT ON COLUMN reporting.load_runs.finished_at IS 'When it ended; null while running or if it crashed.';
COMMENT ON COLUMN reporting.load_runs.duration_seconds IS 'finished_at - started_at in seconds; null while running or if it crashed.';
COMMENT ON COLUMN reporting.load_runs.extractor_version IS 'Extractor version the run used.';
COMMENT ON COLUMN reporting.load_runs.dictionary_hash IS 'sha256 of the jieba domain dictionary the run loaded.';
COMMENT ON COLUMN reporting.load_runs.paths IS 'The paths given to parkdb load.';
COMMENT ON COLUMN reporting.load_runs.files_seen IS 'Article files found.';
COMMENT ON COLUMN reporting.load_runs.files_stored IS 'Files stored as new sources.';
COMMENT ON COLUMN reporting.load_runs.files_unchanged IS 'Files already stored with the same bytes and extractor version.';
COMMENT ON COLUMN reporting.load_runs.files_replaced IS 'Files whose source was re-extracted.';
COMMENT ON COLUMN reporting.load_runs.files_rejected IS 'Files rejected, as the run counted them.';
COMMENT ON COLUMN reporting.load_runs.files_skipped IS 'Other files in the folders (not .txt/.html/.htm).';
COMMENT ON COLUMN reporting.load_runs.facts_written IS 'Fact rows the run inserted.';
COMMENT ON COLUMN reporting.load_runs.mentions_written IS 'Entity-mention rows the run inserted.';
COMMENT ON COLUMN reporting.load_runs.rejected_count IS 'Rows in rejected_files for the run (should equal files_rejected).';
COMMENT ON COLUMN reporting.load_runs.sample_reasons IS 'Up to five distinct rejection reasons, sorted; empty when none.';
"""

# In dependency order: a view comes after the views it reads.
VIEWS = {"sources": SOURCES, "load_runs": LOAD_RUNS}


def upgrade() -> None:
    for name, sql in VIEWS.items():
        op.execute(sql)
        op.execute(f"GRANT SELECT ON reporting.{name} TO parkdb_reader")


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS reporting.{name}")
