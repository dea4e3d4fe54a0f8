-- The RecordKeys that one dataset's day folders already hold, for the batch being written: empty
-- until queries/export/load-existing.sql fills it (only days that exist in the folder have any).
CREATE OR REPLACE TEMP TABLE export_existing (RecordKey VARCHAR);
