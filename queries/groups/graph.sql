-- A Microsoft Graph /groups/{id}/members page ($path): {"value": [...]}, or a plain array of
-- member objects; the file is one group, named after it. Users carry userPrincipalName (mail where
-- it is missing); other members (groups, devices, service principals) are no users and are left
-- out. One row per user: item (its place in the file), UserPrincipalName; or one row with a
-- problem when the file holds users but none with a userPrincipalName or mail (a $select that
-- left it out).
WITH documents AS (
  SELECT json FROM read_json_objects($path, format => 'auto')
), members AS (
  SELECT unnest(CASE WHEN json_type(json, '$.value') = 'ARRAY' THEN json_extract(json, '$.value[*]') ELSE [json] END) AS m
  FROM documents
), numbered AS (
  SELECT row_number() OVER () AS item, m,
         coalesce(m ->> 'userPrincipalName', m ->> 'mail') AS upn,
         coalesce(m ->> '@odata.type', '#microsoft.graph.user') = '#microsoft.graph.user' AS is_user
  FROM members
  WHERE json_type(m) = 'OBJECT'
)
SELECT item::INTEGER AS line, NULL::VARCHAR AS GroupName, trim(upn) AS UserPrincipalName, NULL::VARCHAR AS problem
FROM numbered
WHERE upn IS NOT NULL
UNION ALL
SELECT NULL, NULL, NULL, 'users without a userPrincipalName or mail (request the members with $select=userPrincipalName)'
WHERE EXISTS (SELECT 1 FROM numbered WHERE is_user) AND NOT EXISTS (SELECT 1 FROM numbered WHERE upn IS NOT NULL)
ORDER BY line NULLS FIRST;
