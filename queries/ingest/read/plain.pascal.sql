-- Records one per line, in one array, or as a stream of objects, spelled in PascalCase (Log
-- Analytics rows, Graph PowerShell SDK objects): DuckDB's reader parses each straight into
-- pascal_record_structure(), every file of the group in one scan, in parallel. Then the steps of
-- queries/ingest/macros.sql, each in a projection of its own so that each is computed once per
-- record (a macro repeats its argument's expression at every use). No Ord: records keep the files'
-- order in the staging table (insertion order is kept), and positions/records.sql numbers them.
INSERT INTO ingest_records BY NAME
SELECT FileId, Ord, Item, row.*
FROM (
  SELECT FileId, Ord, Item, signin_row(s, $all_policies) AS row
  FROM (
    SELECT FileId, Ord, Item, typed_signin(f, $as) AS s
    FROM (
      SELECT FileId, Ord, Item, pascal_fields(x) AS f
      FROM (
        SELECT FileId, Ord, Item, pascal_texts(r) AS x
        FROM (
          SELECT i.FileId, NULL::BIGINT AS Ord, NULL::INTEGER AS Item, t.r
          FROM read_json($read_paths, hive_partitioning => false, format => $format, records => false, filename => true,
                         maximum_object_size => $maximum_object_size,
                         columns => {r: typeof(from_json('null', pascal_record_structure()))}) AS t(r, filename)
          JOIN ingest_files i ON i.ReadPath = t.filename
        )
      )
    )
  )
);
