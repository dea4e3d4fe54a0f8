-- The token protection status-code table (queries/token-protection-status-codes.csv, or
-- --status-codes FILE), checked: each row with the first problem it has, if any. $platforms and
-- $guides are the names src/vocabulary.ts declares (PLATFORMS, GUIDES).
WITH codes AS (
  SELECT * FROM status_code_table($status_codes)
), checked AS (
  SELECT line, code_text, code, platform, cause, self_remediable, action, explanation, source, date,
         CASE
           WHEN NOT list_has_all(json_keys(fields), ['code', 'platform', 'cause', 'self_remediable', 'action', 'explanation', 'source', 'date'])
             THEN 'the header must name code, platform, cause, self_remediable, action, explanation, source, date'
           WHEN code IS NULL AND lower(coalesce(code_text, '')) <> 'any' THEN 'code must be a whole number or any, not ' || coalesce(code_text, '(empty)')
           WHEN code < 0 THEN 'code must be a whole number or any, not ' || code_text
           WHEN NOT list_contains(list_append($platforms, 'any'), coalesce(platform, '')) THEN 'unknown platform ' || coalesce(platform, '(empty)')
           WHEN coalesce(cause, '') = '' THEN 'cause is empty'
           WHEN self_remediable IS NULL THEN 'self_remediable must be true or false'
           WHEN coalesce(action, '') = '' THEN 'action is empty'
           WHEN NOT list_contains($guides, coalesce(source, '')) THEN 'unknown source ' || coalesce(source, '(empty)')
           WHEN NOT regexp_matches(coalesce(date, ''), '^\d{4}-\d{2}-\d{2}$') OR TRY_CAST(date AS DATE) IS NULL THEN 'date must be a day, YYYY-MM-DD'
         END AS problem
  FROM codes
), twice AS (
  -- Two rows for one (code, platform): the second would never apply.
  SELECT line, 'code ' || coalesce(code_text, '') || ' on ' || platform || ' is already on line ' || first_line AS problem
  FROM (SELECT line, code_text, platform, min(line) OVER (PARTITION BY code, platform) AS first_line FROM checked WHERE problem IS NULL)
  WHERE line <> first_line
), mixed AS (
  -- One cause is self-remediable or not, whatever the row.
  SELECT line, 'cause ' || cause || ' has self_remediable ' || self_remediable || ' here but ' || first_flag || ' on line ' || first_line AS problem
  FROM (SELECT line, cause, self_remediable,
               first_value(line) OVER (PARTITION BY cause ORDER BY line) AS first_line,
               first_value(self_remediable) OVER (PARTITION BY cause ORDER BY line) AS first_flag
        FROM checked WHERE problem IS NULL)
  WHERE self_remediable <> first_flag
)
SELECT c.line, c.code, c.platform, c.cause, c.self_remediable, c.action, c.explanation, c.source, c.date,
       coalesce(c.problem, t.problem, m.problem) AS problem
FROM checked c
LEFT JOIN twice t USING (line)
LEFT JOIN mixed m USING (line)
ORDER BY c.line;
