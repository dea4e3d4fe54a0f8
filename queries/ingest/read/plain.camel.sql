-- Records one per line, in one array, or as a stream of objects, spelled in camelCase (diagnostic
-- records, Graph objects): DuckDB's reader parses each straight into camel_record_structure(),
-- every file of the group in one scan, in parallel. Then the steps of queries/ingest/macros.sql,
-- each in a projection of its own so that each is computed once per record. No Ord: records keep
-- the files' order in the staging table (insertion order is kept), and positions/ numbers them.
INSERT INTO ingest_records BY NAME
SELECT FileId, Ord, Item, row.*
FROM (
  SELECT FileId, Ord, Item, signin_row(s, $all_policies) AS row
  FROM (
    SELECT FileId, Ord, NULL::INTEGER AS Item, typed_signin(f, $as) AS s
    FROM (
      SELECT i.FileId, NULL::BIGINT AS Ord, camel_fields(t.r) AS f
      FROM read_json($read_paths, hive_partitioning => false, format => $format, records => false, filename => true,
                     maximum_object_size => $maximum_object_size,
                     columns => {r: typeof(from_json('null', camel_record_structure()))}) AS t(r, filename)
      JOIN ingest_files i ON i.ReadPath = t.filename
    )
  )
);
