-- Trend: per UTC date of the request's first counted record, the corrected counts
-- (apps.corrected.sql); with $by_app, per date and app. Every date of the window (or, with no
-- window bound, of the data) appears, with zeros where there were no requests, for every app.
WITH requests AS (
  SELECT FirstTime::DATE AS Date, CASE WHEN $by_app THEN AppDisplayName END AS AppDisplayName, Blocked
  FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
), days AS (
  SELECT unnest(generate_series(
           coalesce($lo::TIMESTAMP::DATE, (SELECT min(Date) FROM requests)),
           -- The last day holds the window end when it is included (the default window ends at the
           -- newest sign-in), the instant before it when not (--until).
           coalesce(CASE WHEN $hi_incl THEN $hi::TIMESTAMP::DATE ELSE ($hi::TIMESTAMP - INTERVAL 1 MICROSECOND)::DATE END, (SELECT max(Date) FROM requests)),
           INTERVAL 1 DAY))::DATE AS Date
), apps AS (
  SELECT DISTINCT AppDisplayName FROM requests WHERE $by_app
  UNION ALL
  SELECT NULL WHERE NOT $by_app
), counts AS (
  SELECT Date, AppDisplayName,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE Blocked)::INTEGER AS Block,
         count(*) FILTER (WHERE NOT coalesce(Blocked, false))::INTEGER AS Allow
  FROM requests GROUP BY Date, AppDisplayName
)
SELECT d.Date, a.AppDisplayName,
       coalesce(c.Requests, 0) AS Requests, coalesce(c.Block, 0) AS Block, coalesce(c.Allow, 0) AS Allow,
       CASE WHEN coalesce(c.Requests, 0) > 0 THEN round(100.0::DOUBLE * c.Allow / (c.Allow + c.Block), 2) END AS PctAllowed
FROM days d CROSS JOIN apps a
LEFT JOIN counts c ON c.Date = d.Date AND c.AppDisplayName IS NOT DISTINCT FROM a.AppDisplayName
ORDER BY d.Date ASC, a.AppDisplayName ASC NULLS FIRST;
