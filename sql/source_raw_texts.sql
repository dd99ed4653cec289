-- reporting.source_raw_texts: one row per article.
-- The article file as decoded, before cleaning (sources.raw_text), with the encoding
-- and media type it was read as: what `parkdb serve` shows one click away from the
-- cleaned text, so a reader can check what the cleaner removed. Kept apart from
-- reporting.sources so that listing articles never reads the raw files.
-- Filter on source_key.
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
