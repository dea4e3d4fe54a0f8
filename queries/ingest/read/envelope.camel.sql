-- Documents that hold camelCase records in an array: Event Hub bodies {"records": […]} and Graph
-- pages {"value": […], "@odata.nextLink": …}, one or several per file. The reader parses the
-- arrays straight into lists of camel_record_structure(); Ord numbers the documents, Item the
-- records inside one. Fields as for plain.camel.sql.
-- A document without records stays as one row of Item 0 (positions/ counts it, then drops it).
SELECT file_of($file_ids, $read_paths, t.filename) AS FileId, t.Ord,
       unnest(CASE WHEN len(coalesce(t.records, t.value)) > 0 THEN coalesce(t.records, t.value) ELSE [NULL] END) AS r,
       unnest(CASE WHEN len(coalesce(t.records, t.value)) > 0 THEN range(1, len(coalesce(t.records, t.value)) + 1) ELSE [0] END) AS Item
FROM read_json($read_paths, hive_partitioning => false, format => 'unstructured', records => true, filename => true,
               maximum_object_size => $maximum_object_size,
               columns => {records: typeof(from_json('null', '[' || camel_record_structure() || ']')),
                           value: typeof(from_json('null', '[' || camel_record_structure() || ']'))}) WITH ORDINALITY AS t(records, value, filename, Ord)
