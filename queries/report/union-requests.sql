-- The requests a report reads when files are read beside a read-only database: those the files
-- touch, computed from their records in both (temp.main.requests), and the database's others.
CREATE OR REPLACE TEMP TABLE report_requests AS
SELECT * FROM temp.main.requests
UNION ALL
SELECT * FROM query_table($stored) s
WHERE NOT EXISTS (SELECT 1 FROM temp.main.requests t WHERE t.Log = s.Log AND t.Id = s.Id);
