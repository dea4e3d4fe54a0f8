-- Per-run staging, private to this connection: the files of the run, their top-level JSON values
-- (or CSV rows), and the normalised records waiting to be stored in one transaction.
CREATE OR REPLACE TEMP TABLE ingest_files (
  FileId INTEGER, Path VARCHAR, Format VARCHAR, PositionUnit VARCHAR
);
CREATE OR REPLACE TEMP TABLE ingest_docs (FileId INTEGER, Pos BIGINT, Doc JSON);
CREATE OR REPLACE TEMP TABLE ingest_records AS
  SELECT NULL::INTEGER AS FileId, NULL::BIGINT AS Pos, NULL::INTEGER AS Item, NULL::VARCHAR AS Disposition,
         NULL::VARCHAR AS Reason, s.*
  FROM signins s LIMIT 0;
