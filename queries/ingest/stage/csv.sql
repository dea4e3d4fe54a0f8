-- Log Analytics portal CSV exports: every cell as text, columns by header ('TimeGenerated [UTC]',
-- 'ConditionalAccessPolicies_dynamic', ...; files of different columns in one read, by name). A row
-- becomes a record of pascal_record_structure() through its JSON form: CSV exports are small. Then
-- the three steps of queries/ingest/macros.sql, as in plain.pascal.sql.
INSERT INTO ingest_records BY NAME
SELECT FileId, Ord, Item, row.*
FROM (
  SELECT FileId, Ord, Item, signin_row(s, $all_policies) AS row
  FROM (
    SELECT FileId, Ord, Item, typed_signin(f, $as) AS s
    FROM (
      SELECT i.FileId, c.Ord, NULL::INTEGER AS Item, pascal_fields(from_json(c.row, pascal_record_structure())) AS f
      FROM (
        -- The row as an object: to_json of the whole row of a subquery (DuckDB 1.5 cannot bind a whole
        -- row of a table function WITH ORDINALITY).
        SELECT t.filename, t.ordinality AS Ord, to_json(t) AS row
        FROM (SELECT * FROM read_csv($read_paths, header => true, all_varchar => true, delim => ',', quote => '"', escape => '"',
                      compression => $compression, strict_mode => false, union_by_name => true, filename => true) WITH ORDINALITY) t
      ) c
      JOIN ingest_files i ON i.ReadPath = c.filename
    )
  )
);
