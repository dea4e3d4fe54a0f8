-- Per-run staging, private to this connection: the files of the run (one row each, written in
-- one statement), and their records read and normalised (signin_row in queries/ingest/macros.sql
-- gives the columns), waiting to be stored in one transaction.
-- Ord numbers the records (or, for documents holding records, the documents) of one read, file
-- after file; FirstOrd is a file's first, so that a record's position in its file is
-- Ord - FirstOrd + 1. Item numbers the records inside a document.
CREATE OR REPLACE TEMP TABLE ingest_files AS
SELECT unnest($file_ids)::INTEGER AS FileId, unnest($paths)::VARCHAR AS Path, unnest($read_paths)::VARCHAR AS ReadPath,
       unnest($formats)::VARCHAR AS Format, unnest($position_units)::VARCHAR AS PositionUnit,
       NULL::BIGINT AS FirstOrd;
