-- The fields (f) of PascalCase records (Log Analytics rows, CSV and REST API exports, Graph
-- PowerShell objects): pascal_texts then pascal_fields of queries/ingest/macros.sql, each in a
-- projection of its own so that each is computed once per record (a macro repeats its argument's
-- expression at every use), over every PascalCase read of the run (`pascal_reads`, see
-- fields.camel.sql).
SELECT FileId, Ord, Item, pascal_fields(x) AS f
FROM (
  SELECT FileId, Ord, Item, pascal_texts(r) AS x
  FROM pascal_reads
)
