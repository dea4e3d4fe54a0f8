-- One file's top-level JSON values, each with its position (line of NDJSON, element of an array,
-- value of a stream of values). With $ignore_errors a malformed line becomes a NULL Doc that
-- normalise.sql rejects by position.
INSERT INTO ingest_docs
SELECT $file_id, ordinality, json
FROM read_json_objects($path, format => $format, compression => $compression,
                       ignore_errors => $ignore_errors, maximum_object_size => $maximum_object_size) WITH ORDINALITY;
