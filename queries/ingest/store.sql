-- Stores the run's new records, left in the staging table by keep-new.sql, with where each came
-- from (the view of stored-signins.sql).
INSERT INTO signins BY NAME
SELECT * FROM stored_signins;
