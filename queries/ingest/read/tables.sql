-- Log Analytics REST API responses: {"tables": [{"name", "columns": [{"name", "type"}], "rows": [[…]]}]}.
-- Each row becomes a record keyed by its table's column names (taken once per table, so the time
-- grows with the size of the response, not its square); values stay JSON, as the response wrote
-- them, until pascal_record_structure() types them. Ord numbers the responses, Item the rows of
-- one response across its tables. Fields as for plain.pascal.sql, and RecordText: the row as the
-- record it stands for, which ingest stores as the original (records/tables.sql), so that a
-- response is read once, here, not again for its texts.
SELECT FileId, Ord, Item, RecordText, from_json(RecordText, pascal_record_structure()) AS r
FROM (
  SELECT FileId, Ord, Item, to_json(map_from_entries(list_zip(names, row))) AS RecordText
  FROM (
    -- A response without rows stays as one row of Item 0 (positions/ counts it, then drops it).
    SELECT FileId, Ord, unnest(CASE WHEN len(rows) > 0 THEN range(first_item::BIGINT, first_item::BIGINT + len(rows)) ELSE [0] END) AS Item,
           names, unnest(CASE WHEN len(rows) > 0 THEN rows ELSE [NULL] END) AS row
    FROM (
      SELECT FileId, Ord, tbl.rows AS rows, list_transform(tbl.columns, c -> c.name) AS names,
             1 + coalesce(sum(len(tbl.rows)) OVER (PARTITION BY FileId, Ord ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_item
      FROM (
        SELECT file_of($file_ids, $read_paths, t.filename) AS FileId, t.Ord, unnest(t.tables) AS tbl, unnest(range(len(t.tables))) AS k
        FROM read_json($read_paths, hive_partitioning => false, format => 'unstructured', records => true, filename => true,
                       maximum_object_size => $maximum_object_size,
                       columns => {tables: 'STRUCT(name VARCHAR, columns STRUCT(name VARCHAR)[], rows JSON[][])[]'}) WITH ORDINALITY AS t(tables, filename, Ord)
      )
    )
  )
)
