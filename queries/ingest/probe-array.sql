-- Whether a file reads as one JSON array (fails when several arrays were appended to it).
SELECT count(*) AS n
FROM read_json_objects($path, format => 'array', compression => $compression, maximum_object_size => 16777216);
