-- The run's records as read and normalised, waiting to be stored: the columns of signin_row
-- (queries/ingest/macros.sql), with where each was read (see stage-files.sql).
CREATE OR REPLACE TEMP TABLE ingest_records AS
SELECT NULL::INTEGER AS FileId, NULL::BIGINT AS Ord, NULL::INTEGER AS Item, row.*
FROM (SELECT signin_row(s, true) AS row
      FROM (SELECT typed_signin(f, NULL::VARCHAR) AS s
            FROM (SELECT camel_fields(from_json('{}', camel_record_structure())) AS f)))
LIMIT 0;
