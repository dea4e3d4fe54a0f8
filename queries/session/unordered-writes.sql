-- For bulk writes whose row order means nothing (ingest's staging and store: FileId, Pos and
-- SourcePosition keep the order; export's partitioned COPYs): without the sources' row order
-- DuckDB streams in parallel instead of buffering, which keeps gigabytes within the memory limit
-- and lets COPY honour ROW_GROUP_SIZE_BYTES. Undone by queries/session/ordered-writes.sql.
SET preserve_insertion_order = false;
