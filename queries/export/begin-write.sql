-- The partitioned COPYs need not keep the sources' row order: without it DuckDB streams them in
-- parallel and honours ROW_GROUP_SIZE_BYTES, which bounds what each open file buffers.
SET preserve_insertion_order = false;
