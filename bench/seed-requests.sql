-- Multiplies the counted requests of a database to $requests rows, each a distinct request, for
-- the "report from a database" target: the generated records copied with new Ids and keys, and
-- their rows of the requests table with them (a copy's request is its original's, renamed).
CREATE TEMP TABLE seed_copies AS
SELECT n FROM range(1, CAST(ceil($requests / (SELECT count(*) FROM signins)) AS BIGINT)) AS t(n);
INSERT INTO signins
SELECT s.* REPLACE (md5_number(s.RecordKey::VARCHAR || '/' || n) AS RecordKey, s.Id || '/' || n AS Id)
FROM signins s, seed_copies;
INSERT INTO requests
SELECT r.* REPLACE (r.Id || '/' || n AS Id)
FROM requests r, seed_copies;
