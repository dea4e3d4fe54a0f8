-- Schema version 4: each stored record's original text moves to its own table, keyed by
-- RecordKey. signins keeps typed columns only; reports never read the text, and ingest writes it
-- from a scan of its own (queries/ingest/records/*.sql) so that the reader parses every record
-- once into typed columns. In databases of storage version 1.2 or later (every one created by
-- this signin-audit) DuckDB compresses the text with zstd, about 12 to 1.
CREATE TABLE signin_records (
  RecordKey UHUGEINT NOT NULL,
  Record    JSON NOT NULL       -- the original record, as read
);
INSERT INTO signin_records SELECT RecordKey, Record FROM signins;
ALTER TABLE signins DROP COLUMN Record;
