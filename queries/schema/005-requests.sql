-- Schema version 5: one row per counted request (Log, Id) over all its records, kept by ingest
-- (queries/ingest/requests.sql), so that a report over a million requests reads a million rows
-- instead of grouping their records (see token_protection_requests in queries/macros.sql).
-- MinTime, MaxTime and ResourceKeys (of every record) tell a report whether the row is exactly what
-- its window and resources give, or whether the request must be computed from its records.
-- (Schema 009 keeps a request's one resource in ResourceName and ResourceAppId, and ResourceKeys
-- only for several.)
CREATE TABLE requests (
  Log                 VARCHAR NOT NULL,
  Id                  VARCHAR NOT NULL,
  UserPrincipalName   VARCHAR,            -- the earliest record's, in lower case
  AppDisplayName      VARCHAR,            -- the earliest record's
  ResourceDisplayName VARCHAR,            -- the earliest record's
  Context             STRUCT(UserType VARCHAR, OperatingSystem VARCHAR, TrustType VARCHAR, DeviceId VARCHAR,
                             ClientAppUsed VARCHAR, Browser VARCHAR, UserAgent VARCHAR, TokenProtectionStatusCode VARCHAR),
  FirstTime           TIMESTAMP,          -- of the counted records
  LastTime            TIMESTAMP,
  Dates               DATE[],             -- UTC dates with a counted record
  Blocked             BOOLEAN,
  MinTime             TIMESTAMP NOT NULL, -- of every record
  MaxTime             TIMESTAMP NOT NULL,
  ResourceKeys        STRUCT(Name VARCHAR, AppId VARCHAR)[] NOT NULL  -- each distinct resource of every record: display name ('' for none), application id
);
CREATE TEMP TABLE migration_keys AS
SELECT DISTINCT Log, Id, NULL::TIMESTAMP AS MinTime, NULL::TIMESTAMP AS MaxTime,
       NULL::VARCHAR AS ResourceName, NULL::VARCHAR AS ResourceAppId, NULL::STRUCT(Name VARCHAR, AppId VARCHAR)[] AS ResourceKeys FROM signins;
-- requests_from_records reads each record's TokenProtectionPolicies, which schema 008 adds:
-- until then, this view gives them.
CREATE TEMP VIEW migration_signins AS
SELECT *, token_protection_policies(ConditionalAccessPolicies) AS TokenProtectionPolicies FROM signins;
-- (Platform is schema 007's, which fills it; ResourceName, ResourceAppId and StatusCode schema 009's.)
INSERT INTO requests BY NAME
SELECT * EXCLUDE (Platform, ResourceName, ResourceAppId, StatusCode) FROM requests_from_records(['migration_signins'], 'migration_keys', ['interactive', 'noninteractive'], NULL, false, NULL, false, NULL, false);
DROP VIEW migration_signins;
DROP TABLE migration_keys;
