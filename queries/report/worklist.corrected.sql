-- report worklist: the help desk's list, one row per user with a blocked request, corrected
-- semantics (no published query lists users to contact), for a mail merge.
-- A blocked request is one the corrected reports count as Block (report-only or enforced alike,
-- as the policy selection $selection has it), with its one likely cause as report blockers gives
-- it (blocked_requests: the status-code table $status_codes first, then the blocker rules $rules).
--   Apps, Platforms, Causes, Actions  the user's blocked requests' apps, platforms (platform_of),
--               causes and actions, each distinct, sorted, joined with "; "
--   Actions     in plain words for the user: the row of the help-desk table ($actions,
--               queries/help-desk-actions.csv) for the request's cause whose app pattern (a
--               case-insensitive regex on AppDisplayName) matches, before the cause's row with no
--               pattern; among equals the first in the file. A cause the table does not name (of
--               a table or rules of your own) takes the action of the status-code row or rule that
--               gave it.
--   Requests    all the user's counted requests; Block: the blocked ones
--   LastBlocked the last counted record of the user's blocked requests
-- Sorted by Block descending, then LastBlocked descending, then UserPrincipalName.
WITH blocked AS (
  SELECT * FROM blocked_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members, $status_codes, $rules)
), help AS (
  SELECT line, fields ->> 'cause' AS cause, coalesce(fields ->> 'app', '') AS app, fields ->> 'action' AS action
  FROM csv_rows($actions)
), chosen AS (
  -- The help-desk words for each (cause, app) pair the blocked requests carry: a handful, looked up once each.
  SELECT p.Cause, p.AppDisplayName, arg_min(h.action, {'general': h.app = '', 'line': h.line}) AS action
  FROM (SELECT DISTINCT Cause, AppDisplayName FROM blocked) p
  JOIN help h ON h.cause = p.Cause AND (h.app = '' OR regexp_matches(p.AppDisplayName, h.app, 'i'))
  GROUP BY ALL
), advised AS (
  SELECT b.UserPrincipalName, b.AppDisplayName, b.Platform, b.Cause, b.LastTime,
         coalesce(w.action, c.action, r.action, '') AS Action
  FROM blocked b
  LEFT JOIN chosen w ON w.Cause = b.Cause AND w.AppDisplayName = b.AppDisplayName
  LEFT JOIN status_code_table($status_codes) c ON c.line = b.CodeLine
  LEFT JOIN blocker_rule_table($rules) r ON r.line = b.RuleLine
), users AS (
  SELECT UserPrincipalName,
         array_to_string(list_sort(list_distinct(list(AppDisplayName) FILTER (WHERE AppDisplayName <> ''))), '; ') AS Apps,
         array_to_string(list_sort(list_distinct(list(Platform))), '; ') AS Platforms,
         array_to_string(list_sort(list_distinct(list(Cause))), '; ') AS Causes,
         array_to_string(list_sort(list_distinct(list(Action) FILTER (WHERE Action <> ''))), '; ') AS Actions,
         count(*)::INTEGER AS Block,
         max(LastTime) AS LastBlocked
  FROM advised
  GROUP BY UserPrincipalName
), counted AS (
  SELECT UserPrincipalName, count(*)::INTEGER AS Requests
  FROM token_protection_requests($sources, $requests, $logs, $lo, $lo_incl, $hi, $hi_incl, $resources, $selection, $members)
  WHERE UserPrincipalName IN (SELECT UserPrincipalName FROM users)
  GROUP BY UserPrincipalName
)
SELECT u.UserPrincipalName, coalesce(u.Apps, '') AS Apps, coalesce(u.Platforms, '') AS Platforms, coalesce(u.Causes, '') AS Causes,
       coalesce(u.Actions, '') AS Actions, c.Requests, u.Block, u.LastBlocked
FROM users u JOIN counted c USING (UserPrincipalName)
ORDER BY u.Block DESC, u.LastBlocked DESC, u.UserPrincipalName ASC;
