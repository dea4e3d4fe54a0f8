-- A stream of top-level values of mixed kinds, spelled in PascalCase: several arrays appended to one
-- file (PowerShell's Out-File -Append, as Microsoft-Extractor-Suite writes), records between
-- them, documents holding records. The reader splits the values; each is parsed into
-- pascal_record_structure() by from_json, as an array, a document's records, or one record
-- (json_items). Also the way to read a file of one record per line with --skip-invalid: its lines
-- that are not JSON come out as NULL (the typed reader of DuckDB 1.5.6 loses the line after each
-- too; read_json_objects does not). Rare and small exports: files of one layout go through
-- plain.pascal.sql. Fields as for plain.pascal.sql.
-- A value that is an empty array or document stays as one row of Item 0 (positions/
-- counts it, then drops it).
SELECT FileId, Ord, unnest(CASE WHEN len(records) > 0 THEN records ELSE [NULL] END) AS r,
       unnest(CASE WHEN items IS NULL THEN [NULL] WHEN len(records) > 0 THEN range(1, len(records) + 1) ELSE [0] END) AS Item
FROM (
  SELECT FileId, Ord, items,
         CASE WHEN items IS NULL THEN [from_json(v, pascal_record_structure())]
              ELSE from_json(items, '[' || pascal_record_structure() || ']') END AS records
  FROM (
    SELECT file_of($file_ids, $read_paths, t.filename) AS FileId, t.Ord, t.v, json_items(t.v) AS items
    FROM read_json_objects($read_paths, hive_partitioning => false, format => $format, ignore_errors => $ignore_errors,
                           maximum_object_size => $maximum_object_size, filename => true) WITH ORDINALITY AS t(v, filename, Ord)
  )
)
