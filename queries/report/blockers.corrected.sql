-- Blockers: the requests the corrected reports count as Block (apps.corrected.sql), each given
-- exactly one likely cause by the rules in $rules (queries/blocker-rules.csv): rules are tried by
-- rank, then file order, and the first that matches the request's earliest record wins; a request
-- no rule matches is 'unknown'. So the Requests of all causes add up to the Block total.
-- Matches: regex / not-regex (case-insensitive, on '' when the field is missing), equals
-- (case-insensitive), empty (missing or ''), any.
WITH rules AS (
  SELECT row_number() OVER () AS line, rank::INTEGER AS rank, cause, field, match, coalesce(pattern, '') AS pattern, explanation
  FROM read_csv($rules, header => true, all_varchar => true,
                columns => {'rank': 'VARCHAR', 'cause': 'VARCHAR', 'field': 'VARCHAR', 'match': 'VARCHAR', 'pattern': 'VARCHAR', 'explanation': 'VARCHAR'})
), blocked AS (
  SELECT Log, Id, UserPrincipalName, AppDisplayName, ResourceDisplayName, Context
  FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources)
  WHERE Blocked
), candidates AS (
  SELECT b.Log, b.Id, r.rank, r.line, r.cause, r.match, r.pattern,
         coalesce(CASE r.field
           WHEN 'UserType' THEN b.Context.UserType
           WHEN 'UserPrincipalName' THEN b.UserPrincipalName
           WHEN 'AppDisplayName' THEN b.AppDisplayName
           WHEN 'ResourceDisplayName' THEN b.ResourceDisplayName
           WHEN 'OperatingSystem' THEN b.Context.OperatingSystem
           WHEN 'TrustType' THEN b.Context.TrustType
           WHEN 'DeviceId' THEN b.Context.DeviceId
           WHEN 'ClientAppUsed' THEN b.Context.ClientAppUsed
           WHEN 'Browser' THEN b.Context.Browser
           WHEN 'UserAgent' THEN b.Context.UserAgent
           WHEN 'TokenProtectionStatusCode' THEN b.Context.TokenProtectionStatusCode
         END, '') AS value
  FROM blocked b CROSS JOIN rules r
), causes AS (
  SELECT Log, Id, first(cause ORDER BY rank, line) AS cause
  FROM candidates
  WHERE CASE match
          WHEN 'regex' THEN regexp_matches(value, pattern, 'i')
          WHEN 'not-regex' THEN NOT regexp_matches(value, pattern, 'i')
          WHEN 'equals' THEN lower(value) = lower(pattern)
          WHEN 'empty' THEN value = ''
          WHEN 'any' THEN true
        END
  GROUP BY Log, Id
), classified AS (
  SELECT b.*, coalesce(c.cause, 'unknown') AS Cause
  FROM blocked b LEFT JOIN causes c USING (Log, Id)
), grouped AS (
  SELECT Cause,
         count(*)::INTEGER AS Requests,
         count(DISTINCT UserPrincipalName)::INTEGER AS Users,
         count(DISTINCT AppDisplayName)::INTEGER AS Apps,
         array_to_string(list_sort(list_distinct(list(UserPrincipalName)))[1:3], ', ') AS ExampleUsers,
         array_to_string(list_sort(list_distinct(list(AppDisplayName)))[1:3], ', ') AS ExampleApps
  FROM classified GROUP BY Cause
)
SELECT g.Cause, g.Requests, g.Users, g.Apps, g.ExampleUsers, g.ExampleApps,
       coalesce((SELECT first(explanation ORDER BY rank, line) FROM rules r WHERE r.cause = g.Cause),
                'No rule matched') AS Explanation
FROM grouped g
ORDER BY g.Requests DESC, coalesce((SELECT min(rank) FROM rules r WHERE r.cause = g.Cause), 2147483647), g.Cause;
