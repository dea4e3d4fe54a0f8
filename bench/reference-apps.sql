-- signin-audit's per-app table (corrected semantics, every record, default resources) over the
-- records(path) macro of one export shape (bench/reference-<shape>.sql). See bench/report-limit.mjs.
WITH counted AS (
  SELECT Log, Id, UPN, App, Time,
         list_filter(Policies, p -> list_bool_or(list_transform(p.enforcedSessionControls, c -> lower(c) IN ('binding', 'signintokenprotection')))
                               AND coalesce(p.result, '') NOT IN ('notApplied', 'reportOnlyNotApplied', 'notEnabled')) AS c
  FROM records($path)
  WHERE Resource IN ('Office 365 Exchange Online', 'Office 365 SharePoint Online')
), requests AS (
  SELECT Log, Id, first(UPN ORDER BY Time) AS UPN, first(App ORDER BY Time) AS App,
         bool_or(list_bool_or(list_transform(c, p -> CASE WHEN p.sessionControlsNotSatisfied IS NULL THEN p.result IN ('failure', 'reportOnlyFailure')
                 ELSE coalesce(list_bool_or(list_transform(p.sessionControlsNotSatisfied, x -> lower(x) IN ('binding', 'signintokenprotection'))), false) END))) AS Blocked
  FROM counted WHERE len(c) > 0 GROUP BY Log, Id
)
SELECT App AS AppDisplayName, count(*)::INTEGER AS Requests, count(DISTINCT UPN)::INTEGER AS Users,
       count(*) FILTER (WHERE Blocked)::INTEGER AS Block, count(*) FILTER (WHERE NOT Blocked)::INTEGER AS Allow,
       count(DISTINCT UPN) FILTER (WHERE Blocked)::INTEGER AS BlockedUsers,
       round(100.0::DOUBLE * count(*) FILTER (WHERE NOT Blocked) / count(*), 2) AS PctAllowed
FROM requests GROUP BY App ORDER BY Requests DESC, AppDisplayName;
