-- Log Analytics portal CSV exports: every cell as text, columns by header ('TimeGenerated [UTC]',
-- 'ConditionalAccessPolicies_dynamic', ...; files of different columns in one read, by name). A row
-- becomes a record of pascal_record_structure() through its JSON form: CSV exports are small.
-- Fields and numbers as for plain.pascal.sql.
SELECT file_of($file_ids, $read_paths, t.filename) AS FileId, NULL::BIGINT AS Ord, NULL::INTEGER AS Item, from_json(to_json(t), pascal_record_structure()) AS r
FROM read_csv($read_paths, hive_partitioning => false, header => true, all_varchar => true, delim => ',', quote => '"', escape => '"',
              strict_mode => false, union_by_name => true, filename => true) t
