-- A read of many small files into a table that keeps their order (ingest's staging): on one
-- thread. DuckDB reads each small file as a batch of its own, and on several threads its
-- order-keeping insert holds a set of buffers for every batch another thread is ahead of: 200
-- files of 60 KB took 900 MB, 700 hourly files of 1.5 MB ran out of memory at 1 GB, where one
-- thread reads them faster and in 200-500 MB (src/ingest/plan.ts, readsOnOneThread).
-- Undone by queries/session/threads-back.sql.
SET VARIABLE signin_audit_threads = current_setting('threads');
SET threads = 1;
