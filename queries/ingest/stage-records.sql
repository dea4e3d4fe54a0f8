-- The run's records as read and normalised, waiting to be stored: the columns of signin_row
-- (queries/ingest/macros.sql), with where each was read. Ord is the read's ordinality of a
-- document (for files of records, none: the rows keep the files' order, insertion order being
-- kept); Item the record inside a document; Position, set by positions/records.sql, the record's
-- (or document's) place in its file, from 1.
CREATE OR REPLACE TEMP TABLE ingest_records AS
SELECT NULL::INTEGER AS FileId, NULL::BIGINT AS Ord, NULL::INTEGER AS Item, NULL::BIGINT AS Position, row.*
FROM (SELECT signin_row(s, true) AS row
      FROM (SELECT typed_signin(f, NULL::VARCHAR) AS s
            FROM (SELECT camel_fields(from_json('{}', camel_record_structure())) AS f)))
LIMIT 0;
