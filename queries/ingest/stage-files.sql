-- Per-run staging, private to this connection: the files of the run, one row each, written in
-- one statement. GroupId and ListIndex say which read (a statement over a list of files) read
-- the file and where in its list; FirstOrd is the number that read's ordinality gives the file's
-- first record or document (see positions/files.sql), so that a scan of the same list of files
-- for the original texts (queries/ingest/records/*.sql) finds each record's position in its file.
-- Run: the run that stores the file's records (file-runs.sql), for stored-signins.sql.
CREATE OR REPLACE TEMP TABLE ingest_files AS
SELECT unnest($file_ids)::INTEGER AS FileId, unnest($paths)::VARCHAR AS Path, unnest($read_paths)::VARCHAR AS ReadPath,
       unnest($formats)::VARCHAR AS Format, unnest($position_units)::VARCHAR AS PositionUnit,
       NULL::INTEGER AS GroupId, NULL::INTEGER AS ListIndex, NULL::BIGINT AS FirstOrd, NULL::INTEGER AS Run;
