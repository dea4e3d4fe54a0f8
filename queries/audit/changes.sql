-- What changed between the previous run and this one: apps and users that had no Block before
-- (or were not seen) and have one now, and those that had one before and have none now;
-- one row per (change, name).
WITH now_apps AS (
  SELECT * FROM (SELECT unnest(from_json($apps, '[{"AppDisplayName":"VARCHAR","Block":"INTEGER"}]'), recursive := true))
), now_users AS (
  SELECT * FROM (SELECT unnest(from_json($users, '[{"UserPrincipalName":"VARCHAR","Block":"INTEGER"}]'), recursive := true))
), before_apps AS (
  SELECT AppDisplayName, Block FROM audit_run_apps WHERE Run = $previous
), before_users AS (
  SELECT UserPrincipalName, Block FROM audit_run_users WHERE Run = $previous
)
SELECT 'newlyBlockedApps' AS change, n.AppDisplayName AS name
FROM now_apps n LEFT JOIN before_apps b USING (AppDisplayName)
WHERE n.Block > 0 AND coalesce(b.Block, 0) = 0
UNION ALL
SELECT 'newlyClearApps', n.AppDisplayName
FROM now_apps n JOIN before_apps b USING (AppDisplayName)
WHERE n.Block = 0 AND b.Block > 0
UNION ALL
SELECT 'newlyBlockedUsers', n.UserPrincipalName
FROM now_users n LEFT JOIN before_users b USING (UserPrincipalName)
WHERE n.Block > 0 AND coalesce(b.Block, 0) = 0
UNION ALL
SELECT 'newlyClearUsers', n.UserPrincipalName
FROM now_users n JOIN before_users b USING (UserPrincipalName)
WHERE n.Block = 0 AND b.Block > 0
ORDER BY change, name;
