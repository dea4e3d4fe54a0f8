-- The RecordKeys in the Parquet files already written for the batch's days ($files: paths, never
-- empty). Only that column is read; the COPYs then write the records not among them, so that a
-- day exported before is added to (records exported late) and never gets a record twice.
INSERT INTO temp.main.export_existing
SELECT DISTINCT RecordKey FROM read_parquet($files);
