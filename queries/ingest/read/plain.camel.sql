-- Records one per line, in one array, or as a stream of objects, spelled in camelCase (diagnostic
-- records, Graph objects): DuckDB's reader parses each straight into the columns of
-- camel_record_columns(), every file of the group in one scan, in parallel; the row of them is the
-- record (r; the file's name beside its fields), whose fields queries/ingest/fields.camel.sql
-- takes. No Ord: records keep the files' order in the staging table (insertion order is kept),
-- and positions/ numbers them.
SELECT file_of($file_ids, $read_paths, t.filename) AS FileId, NULL::BIGINT AS Ord, NULL::INTEGER AS Item, t AS r
FROM read_json($read_paths, hive_partitioning => false, format => $format, records => true, filename => true,
               maximum_object_size => $maximum_object_size, columns => camel_record_columns()) AS t
