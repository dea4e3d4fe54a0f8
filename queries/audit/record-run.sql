-- Records one audit run; its per-app and per-user rows come as JSON arrays.
INSERT INTO audit_runs
SELECT $run, $ran_at::TIMESTAMP, $since::TIMESTAMP, $until::TIMESTAMP, $window::JSON, $semantics, $options::JSON,
       $totals::JSON, $checks::JSON, $passed;
