-- Per group of users (--groups: the membership exports), corrected semantics: readiness as
-- readiness.corrected.sql decides it (user_readiness in queries/macros.sql, with the same
-- $min_requests and $min_days), counted over each group's members.
--   $group_names                 the groups, in the order listed (src/report/groups.ts: by name)
--   $member_groups, $member_users  (group, user principal name in lower case) pairs
--   Members       the group's users; MembersSeen those with a counted request in scope
--   Ready, ReadyAfterUpgrade, Blocked, InsufficientData  members seen, by readiness status
--   Requests, Block, Allow, PctAllowed  the members' requests, as apps.corrected.sql counts them
-- A user in two groups counts in both. Last, one row $outside for the users seen in scope who are
-- in none of the groups (its Members left empty: only those seen are known).
WITH membership AS (
  SELECT unnest($member_groups) AS GroupName, unnest($member_users) AS UserPrincipalName
), groups AS (
  SELECT unnest($group_names) AS GroupName, unnest(generate_series(1, len($group_names))) AS ord
), readiness AS (
  SELECT * FROM user_readiness($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes, $min_requests, $min_days)
), rows AS (
  SELECT g.ord, g.GroupName AS "Group",
         count(m.UserPrincipalName)::INTEGER AS Members,
         count(r.UserPrincipalName)::INTEGER AS MembersSeen,
         count(*) FILTER (WHERE r.Status = 'ready')::INTEGER AS Ready,
         count(*) FILTER (WHERE r.Status = 'ready-after-upgrade')::INTEGER AS ReadyAfterUpgrade,
         count(*) FILTER (WHERE r.Status = 'blocked')::INTEGER AS Blocked,
         count(*) FILTER (WHERE r.Status = 'insufficient-data')::INTEGER AS InsufficientData,
         coalesce(sum(r.Requests), 0)::INTEGER AS Requests,
         coalesce(sum(r.Block), 0)::INTEGER AS Block,
         coalesce(sum(r.Allow), 0)::INTEGER AS Allow
  FROM groups g
  LEFT JOIN membership m USING (GroupName)
  LEFT JOIN readiness r USING (UserPrincipalName)
  GROUP BY g.ord, g.GroupName
  UNION ALL
  SELECT len($group_names) + 1, $outside, NULL,
         count(*)::INTEGER,
         count(*) FILTER (WHERE Status = 'ready')::INTEGER,
         count(*) FILTER (WHERE Status = 'ready-after-upgrade')::INTEGER,
         count(*) FILTER (WHERE Status = 'blocked')::INTEGER,
         count(*) FILTER (WHERE Status = 'insufficient-data')::INTEGER,
         coalesce(sum(Requests), 0)::INTEGER, coalesce(sum(Block), 0)::INTEGER, coalesce(sum(Allow), 0)::INTEGER
  FROM readiness r
  WHERE NOT EXISTS (SELECT 1 FROM membership m WHERE m.UserPrincipalName = r.UserPrincipalName)
)
SELECT "Group", Members, MembersSeen, Ready, ReadyAfterUpgrade, Blocked, InsufficientData, Requests, Block, Allow,
       round(100.0::DOUBLE * Allow / nullif(Allow + Block, 0), 2) AS PctAllowed
FROM rows
ORDER BY ord;
