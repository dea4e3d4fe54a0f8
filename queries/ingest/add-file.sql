INSERT INTO ingest_files VALUES ($file_id, $path, $format, $position_unit);
