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
COMMENT ON COLUMN reporting.load_runs.status IS 'running, succeeded, partial (some files rejected), failed or interrupted (Ctrl-C, SIGTERM, or its process died).';
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
