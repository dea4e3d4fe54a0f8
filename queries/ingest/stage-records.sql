-- The run's records as read and normalised, waiting to be stored: the columns of signins (which
-- signin_row in queries/ingest/macros.sql gives), with where and how each was read. Ord is the
-- read's ordinality of a document (for files of records, none: the rows keep the files' order,
-- insertion order being kept); Item the record inside a document; Position, set by
-- positions/records.sql, the record's (or document's) place in its file, from 1; RecordText the
-- original record where the read builds it (REST API rows, read/tables.sql), else NULL: the
-- records/ and rejects/ reads take it from the file.
CREATE OR REPLACE TEMP TABLE ingest_records AS
SELECT NULL::INTEGER AS FileId, NULL::BIGINT AS Ord, NULL::INTEGER AS Item, NULL::BIGINT AS Position,
       NULL::VARCHAR AS Disposition, NULL::VARCHAR AS Reason, NULL::VARCHAR AS RecordText,
       s.* EXCLUDE (SourceFile, SourceFormat, SourcePosition, IngestRun)
FROM signins s
LIMIT 0;
