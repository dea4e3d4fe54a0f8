-- Multiplies the counted requests of a database to $requests rows, each a distinct request, for
-- the "report from a database" target: the generated records, copied with new Ids and keys.
INSERT INTO signins
SELECT s.* REPLACE (md5_number(s.RecordKey::VARCHAR || '/' || n) AS RecordKey, s.Id || '/' || n AS Id)
FROM signins s, range(1, CAST(ceil($requests / (SELECT count(*) FROM signins)) AS BIGINT)) AS t(n);
