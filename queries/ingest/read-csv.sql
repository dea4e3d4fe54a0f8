-- One Log Analytics portal CSV export, each row as a JSON object keyed by the header
-- ('TimeGenerated [UTC]', 'ConditionalAccessPolicies_dynamic', ...); every cell as text.
INSERT INTO ingest_docs
SELECT $file_id, row_number() OVER (), to_json(csv_row)
FROM read_csv($path, header => true, all_varchar => true, delim => ',', quote => '"', escape => '"', compression => $compression,
              strict_mode => false) AS csv_row;
