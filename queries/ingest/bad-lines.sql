-- The lines of an NDJSON file that are not JSON, counted by DuckDB's own line numbering
-- (ordinality), since its error messages number lines one too high (DuckDB 1.5.6).
SELECT ordinality::BIGINT AS line
FROM read_json_objects($path, hive_partitioning => false, format => 'newline_delimited', ignore_errors => true,
                       maximum_object_size => 16777216) WITH ORDINALITY
WHERE json IS NULL
ORDER BY ordinality
LIMIT 1;
