-- The blocker rules file (queries/blocker-rules.csv, or --rules FILE), checked: each row with the
-- problem it has, if any.
SELECT row_number() OVER () + 1 AS line, TRY_CAST(rank AS INTEGER) AS rank, cause, field, match, pattern, explanation,
       CASE
         WHEN TRY_CAST(rank AS INTEGER) IS NULL THEN 'rank must be a whole number'
         WHEN coalesce(cause, '') = '' THEN 'cause is empty'
         WHEN field NOT IN ('UserType', 'UserPrincipalName', 'AppDisplayName', 'ResourceDisplayName', 'OperatingSystem',
                            'TrustType', 'DeviceId', 'ClientAppUsed', 'Browser', 'UserAgent', 'TokenProtectionStatusCode')
           THEN 'unknown field ' || coalesce(field, '(empty)')
         WHEN match NOT IN ('regex', 'not-regex', 'equals', 'empty', 'any') THEN 'unknown match ' || coalesce(match, '(empty)')
         WHEN match IN ('regex', 'not-regex') AND TRY(regexp_matches('', pattern)) IS NULL THEN 'invalid regular expression'
       END AS problem
FROM read_csv($rules, header => true, all_varchar => true,
              columns => {'rank': 'VARCHAR', 'cause': 'VARCHAR', 'field': 'VARCHAR', 'match': 'VARCHAR', 'pattern': 'VARCHAR', 'explanation': 'VARCHAR'});
