SELECT (coalesce(max(Run), 0) + 1)::INTEGER AS run FROM audit_runs;
