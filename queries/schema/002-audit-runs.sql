-- Schema version 2: each audit run recorded with its window, options, totals, checks and verdict,
-- and its per-app and per-user results, so that the next run can say what changed.
CREATE TABLE audit_runs (
  Run           INTEGER PRIMARY KEY,
  RanAt         TIMESTAMP NOT NULL,   -- UTC
  WindowSince   TIMESTAMP,            -- the window's bounds (see WindowJson for inclusiveness)
  WindowUntil   TIMESTAMP,
  WindowJson    JSON NOT NULL,
  Semantics     VARCHAR NOT NULL,
  Options       JSON NOT NULL,
  Totals        JSON NOT NULL,
  Checks        JSON NOT NULL,
  Passed        BOOLEAN NOT NULL
);
CREATE TABLE audit_run_apps (
  Run INTEGER NOT NULL, AppDisplayName VARCHAR, Requests INTEGER, Block INTEGER, Allow INTEGER, PctAllowed DOUBLE
);
CREATE TABLE audit_run_users (
  Run INTEGER NOT NULL, UserPrincipalName VARCHAR, Requests INTEGER, Block INTEGER
);
