-- Every connection's session (src/db.ts): times in UTC, and DuckDB tracking a query's progress,
-- which it does only with its progress bar on (not drawn: ours is), and from the start rather
-- than after two seconds: a run reading exports follows it (src/ingest/run-progress.ts).
SET TimeZone = 'UTC';
SET enable_progress_bar = true;
SET enable_progress_bar_print = false;
SET progress_bar_time = 0;
