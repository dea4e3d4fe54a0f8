-- Records one per line, in one array, or as a stream of objects, spelled in PascalCase (Log
-- Analytics rows, Graph PowerShell SDK objects): DuckDB's reader parses each straight into
-- pascal_record_structure(), every file of the group in one scan, in parallel (r);
-- queries/ingest/fields.pascal.sql takes its fields. No Ord: records keep the files' order in the
-- staging table (insertion order is kept), and positions/records.sql numbers them.
SELECT file_of($file_ids, $read_paths, t.filename) AS FileId, NULL::BIGINT AS Ord, NULL::INTEGER AS Item, t.r
FROM read_json($read_paths, hive_partitioning => false, format => $format, records => false, filename => true,
               maximum_object_size => $maximum_object_size,
               columns => {r: typeof(from_json('null', pascal_record_structure()))}) AS t(r, filename)
