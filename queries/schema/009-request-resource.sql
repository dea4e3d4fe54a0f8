-- Schema version 9: each request's one resource (most have one) and its status code in plain
-- columns, so that a report over a million requests tests its window and resources, and looks its
-- status code up, without reading a list and a struct per request (0.41 -> 0.23 s of `report
-- apps --db`, see request_resources_in in queries/macros.sql):
--   ResourceName, ResourceAppId  the request's one resource (display name, '' for none; application
--                                id), NULL when it has several
--   ResourceKeys                 its several resources, NULL when it has one
--   StatusCode                   the earliest record's signInSessionStatusCode, as a number
ALTER TABLE requests ADD COLUMN ResourceName VARCHAR;
ALTER TABLE requests ADD COLUMN ResourceAppId VARCHAR;
ALTER TABLE requests ADD COLUMN StatusCode INTEGER;
ALTER TABLE requests ALTER COLUMN ResourceKeys DROP NOT NULL;
UPDATE requests SET
  ResourceName = CASE WHEN len(ResourceKeys) = 1 THEN ResourceKeys[1].Name END,
  ResourceAppId = CASE WHEN len(ResourceKeys) = 1 THEN ResourceKeys[1].AppId END,
  StatusCode = TRY_CAST(Context.TokenProtectionStatusCode AS INTEGER),
  ResourceKeys = CASE WHEN len(ResourceKeys) <> 1 THEN ResourceKeys END;
