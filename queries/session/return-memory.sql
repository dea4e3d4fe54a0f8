-- For a read of large exports into the throw-away in-memory database of a report or an export
-- straight from files (src/ingest/ingest.ts): DuckDB hands the memory it frees back to the system
-- sooner, so that the staged records and what the read frees do not add up. Its allocator flushes
-- its caches after 32 MB freed at once (instead of 512 MB) and each thread's after 16 MB (instead
-- of 128 MB), and a background thread returns freed pages. A direct report of 1 GB peaked at
-- 720-900 MB without, 645-655 MB with, in the same time within its noise. Not for small reads (the
-- flushes cost `report apps sample-logs` 0.1 s) nor for a database file (ingest of 1 GB took 33 s
-- instead of 23 s).
SET GLOBAL allocator_bulk_deallocation_flush_threshold = '32MB';
SET GLOBAL allocator_flush_threshold = '16MB';
SET GLOBAL allocator_background_threads = true;
