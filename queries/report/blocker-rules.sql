-- The blocker rules file (queries/blocker-rules.csv, or --rules FILE), checked: each row with the
-- first problem it has, if any. $fields, $matches and $guides are the names src/vocabulary.ts
-- declares (RULE_FIELDS, RULE_MATCHES, GUIDES). action, source and date may be missing from a
-- file of one's own (older files have no such columns); when given, source and date are checked.
SELECT line, rank, cause, field, match, pattern, explanation, action, source, date,
       CASE
         WHEN NOT list_has_all(json_keys(fields), ['rank', 'cause', 'field', 'match', 'pattern', 'explanation'])
           THEN 'the header must name rank, cause, field, match, pattern, explanation (and may add action, source, date)'
         WHEN rank IS NULL THEN 'rank must be a whole number'
         WHEN coalesce(cause, '') = '' THEN 'cause is empty'
         WHEN NOT list_contains($fields, coalesce(field, '')) THEN 'unknown field ' || coalesce(field, '(empty)')
         WHEN NOT list_contains($matches, coalesce(match, '')) THEN 'unknown match ' || coalesce(match, '(empty)')
         WHEN match IN ('regex', 'not-regex') AND TRY(regexp_matches('', pattern)) IS NULL THEN 'invalid regular expression'
         WHEN coalesce(source, '') <> '' AND NOT list_contains($guides, source) THEN 'unknown source ' || source
         WHEN coalesce(date, '') <> '' AND (NOT regexp_matches(date, '^\d{4}-\d{2}-\d{2}$') OR TRY_CAST(date AS DATE) IS NULL)
           THEN 'date must be a day, YYYY-MM-DD'
       END AS problem
FROM blocker_rule_table($rules)
ORDER BY line;
