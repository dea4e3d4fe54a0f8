-- A group membership CSV ($path), read by its header, whatever the columns' order, case or spacing
-- (a header is compared in lower case without blanks and underscores):
--   the user: userPrincipalName, else UPN, else mail ("User principal name" too);
--   the group: group, else groupName, else groupDisplayName, else displayName, but displayName
--   only where there is no object id column (id, objectId): in the Entra admin center's "Download
--   members" file, displayName is the member's, and the file is one group, named after it.
-- One row per data line: line (the header is line 1), GroupName (NULL: the file's group),
-- UserPrincipalName as written; or one row with a problem when the header names no user column.
WITH columns AS (
  SELECT column_name AS name, lower(regexp_replace(column_name, '[\s_]', '', 'g')) AS key
  FROM (DESCRIBE SELECT * FROM read_csv($path, header => true, all_varchar => true))
), chosen AS (
  SELECT (SELECT name FROM columns WHERE key IN ('userprincipalname', 'upn', 'mail')
          ORDER BY list_position(['userprincipalname', 'upn', 'mail'], key), name LIMIT 1) AS upn_column,
         (SELECT name FROM columns
          WHERE key IN ('group', 'groupname', 'groupdisplayname')
             OR (key = 'displayname' AND NOT EXISTS (SELECT 1 FROM columns WHERE key IN ('id', 'objectid')))
          ORDER BY list_position(['group', 'groupname', 'groupdisplayname', 'displayname'], key), name LIMIT 1) AS group_column
), lines AS (
  SELECT row_number() OVER () + 1 AS line, to_json(r) AS fields
  FROM read_csv($path, header => true, all_varchar => true) r
)
SELECT l.line::INTEGER AS line,
       CASE WHEN c.group_column IS NOT NULL THEN coalesce(l.fields ->> c.group_column, '') END AS GroupName,
       trim(coalesce(l.fields ->> c.upn_column, '')) AS UserPrincipalName,
       NULL::VARCHAR AS problem
FROM lines l, chosen c
WHERE c.upn_column IS NOT NULL
UNION ALL
SELECT NULL, NULL, NULL,
       'no user principal name column (userPrincipalName, UPN or mail) among its columns: ' || (SELECT string_agg(name, ', ') FROM columns)
FROM chosen
WHERE upn_column IS NULL
ORDER BY line NULLS FIRST;
