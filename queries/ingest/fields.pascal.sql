-- The fields (f) of PascalCase records (Log Analytics rows, CSV and REST API exports, Graph
-- PowerShell objects): pascal_texts then pascal_fields of queries/ingest/macros.sql, each in a
-- projection of its own so that each is computed once per record (a macro repeats its argument's
-- expression at every use), over every PascalCase read of the run (`pascal_reads`, see
-- fields.camel.sql). What else a read gives (RecordText, read/tables.sql) passes through.
SELECT * EXCLUDE (x), pascal_fields(x) AS f
FROM (
  SELECT * EXCLUDE (r), pascal_texts(r) AS x
  FROM pascal_reads
)
