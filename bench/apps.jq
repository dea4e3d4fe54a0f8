# The per-app report (corrected semantics, every record, default resources) in jq: what a user
# would otherwise write. Reads diagnostic NDJSON records and Log Analytics array rows alike.
# Usage: jq -n -c -f bench/apps.jq PT1H.json AADNonInteractiveUserSignInLogs.json
def rows: inputs | if type == "array" then .[] else . end;
def text($v): if ($v | type) == "string" then ($v | fromjson? // null) else $v end;
def tp($controls): any(($controls // [])[]; ascii_downcase == "binding" or ascii_downcase == "signintokenprotection");

reduce (rows
  | (.properties // .) as $p
  | {
      log: (.category // .Type),
      id: ($p.id // $p.Id),
      upn: (($p.userPrincipalName // $p.UserPrincipalName // "") | ascii_downcase),
      app: ($p.appDisplayName // $p.AppDisplayName // ""),
      resource: ($p.resourceDisplayName // $p.ResourceDisplayName // ""),
      policies: (text($p.appliedConditionalAccessPolicies // $p.ConditionalAccessPolicies) // [])
    }
  | select(.resource == "Office 365 Exchange Online" or .resource == "Office 365 SharePoint Online")
  | .counted = [.policies[] | select(tp(.enforcedSessionControls) and (.result | IN("notApplied", "reportOnlyNotApplied", "notEnabled") | not))]
  | select(.counted | length > 0)
  | .blocked = any(.counted[]; if has("sessionControlsNotSatisfied") then tp(.sessionControlsNotSatisfied) else (.result | IN("failure", "reportOnlyFailure")) end)
) as $r ({}; ($r.log + "|" + $r.id) as $k
  | if has($k) then .[$k].blocked = (.[$k].blocked or $r.blocked) else .[$k] = {app: $r.app, upn: $r.upn, blocked: $r.blocked} end)
| [.[]] | group_by(.app)
| map({
    AppDisplayName: .[0].app,
    Requests: length,
    Users: (map(.upn) | unique | length),
    Block: (map(select(.blocked)) | length),
    Allow: (map(select(.blocked | not)) | length),
    BlockedUsers: (map(select(.blocked) | .upn) | unique | length)
  } | .PctAllowed = ((10000 * .Allow / (.Allow + .Block) | round) / 100))
| sort_by(-.Requests, .AppDisplayName)
