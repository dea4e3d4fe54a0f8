-- A file read another way than first planned (several arrays appended to one file: a stream of
-- values): what SourceFormat and SourcePosition say of it follows.
UPDATE ingest_files SET Format = $format, PositionUnit = $position_unit WHERE FileId = $file_id::INTEGER;
