-- Rollout waves (--groups: the membership exports), corrected semantics: one row per group, in
-- the order to enforce them. Per group, over its members' requests as apps.corrected.sql counts
-- them (advised_requests): Members, MembersSeen (with a counted request in scope), Requests,
-- Block, BlockPct = round(100 × Block / Requests, 2).
--   A group has enough data when its requests number at least $min_requests (and one) on at
--   least $min_days distinct UTC dates: readiness' thresholds, for the group as a whole.
--   Order: groups with enough data by BlockPct ascending, then more Members first, then name;
--   then the groups with too little data.
--   Wave 1: every group with enough data and BlockPct at most $max_block_pct. Each further group
--   (over the threshold) gets a wave of its own, 2, 3, ... in that order, so that each is
--   enforced after its causes are dealt with. Too little data: no wave (NULL).
--   Causes: the causes of the members' blocked requests (blocked_requests: the status-code table
--   $status_codes first, then the blocker rules $rules, as report blockers), most requests first,
--   each with its count: "no-broker (3), unsupported-os (1)"; 'insufficient-data' for a group
--   with too little data; empty where nothing is blocked.
-- $group_names, $member_groups and $member_users as groups.corrected.sql; a user in two groups
-- counts in both.
WITH membership AS (
  SELECT unnest($member_groups) AS GroupName, unnest($member_users) AS UserPrincipalName
), groups AS (
  SELECT unnest($group_names) AS GroupName
), member_requests AS (
  SELECT UserPrincipalName, coalesce(Blocked, false) AS Blocked, Dates
  FROM advised_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes)
), member_counts AS (
  SELECT g.GroupName, count(m.UserPrincipalName)::INTEGER AS Members
  FROM groups g LEFT JOIN membership m USING (GroupName)
  GROUP BY g.GroupName
), request_counts AS (
  SELECT m.GroupName,
         count(DISTINCT r.UserPrincipalName)::INTEGER AS MembersSeen,
         count(*)::INTEGER AS Requests,
         count(*) FILTER (WHERE r.Blocked)::INTEGER AS Block,
         len(list_distinct(flatten(list(r.Dates))))::INTEGER AS ActiveDays
  FROM membership m JOIN member_requests r USING (UserPrincipalName)
  GROUP BY m.GroupName
), group_causes AS (
  SELECT m.GroupName, b.Cause, count(*) AS n
  FROM membership m
  JOIN blocked_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes, $rules) b
    USING (UserPrincipalName)
  GROUP BY ALL
), cause_lists AS (
  SELECT GroupName, string_agg(Cause || ' (' || n || ')', ', ' ORDER BY n DESC, Cause ASC) AS Causes
  FROM group_causes
  GROUP BY GroupName
), rated AS (
  SELECT g.GroupName, g.Members,
         coalesce(c.MembersSeen, 0) AS MembersSeen, coalesce(c.Requests, 0) AS Requests, coalesce(c.Block, 0) AS Block,
         round(100.0::DOUBLE * c.Block / nullif(c.Requests, 0), 2) AS BlockPct,
         coalesce(c.Requests, 0) > 0 AND c.Requests >= $min_requests AND c.ActiveDays >= $min_days AS enough,
         l.Causes
  FROM member_counts g
  LEFT JOIN request_counts c USING (GroupName)
  LEFT JOIN cause_lists l USING (GroupName)
), ordered AS (
  SELECT *, enough AND BlockPct <= $max_block_pct AS first_wave,
         row_number() OVER (ORDER BY NOT enough, BlockPct ASC NULLS LAST, Members DESC, GroupName ASC) AS k
  FROM rated
)
SELECT CASE WHEN NOT enough THEN NULL
            WHEN first_wave THEN 1
            ELSE 1 + sum(CASE WHEN enough AND NOT first_wave THEN 1 ELSE 0 END) OVER (ORDER BY k ROWS UNBOUNDED PRECEDING)
       END::INTEGER AS Wave,
       GroupName AS "Group", Members, MembersSeen, Requests, Block, BlockPct,
       CASE WHEN NOT enough THEN 'insufficient-data' ELSE coalesce(Causes, '') END AS Causes
FROM ordered
ORDER BY k;
