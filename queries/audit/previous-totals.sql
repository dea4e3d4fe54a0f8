-- The latest recorded run before $run, with its totals (audit --max-drop-pct compares PctAllowed
-- with its pctAllowed); no row when there is none.
SELECT Run, strftime(RanAt, '%Y-%m-%dT%H:%M:%S.%gZ') AS RanAt, Semantics, (Totals ->> 'pctAllowed')::DOUBLE AS pctAllowed
FROM audit_runs WHERE Run < $run ORDER BY Run DESC LIMIT 1;
