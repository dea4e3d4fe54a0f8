-- Schema version 1: the sign-in records of both logs, one row per record.
CREATE TABLE signin_audit_schema (Version INTEGER NOT NULL, AppliedAt TIMESTAMP NOT NULL);

-- Identity: RecordKey = md5 of the record's own content (see queries/ingest/normalise.sql);
-- a record seen again (same key) is not stored twice.
CREATE TABLE signins (
  RecordKey               UHUGEINT NOT NULL,
  Log                     VARCHAR NOT NULL CHECK (Log IN ('interactive', 'noninteractive')),
  TimeGenerated           TIMESTAMP NOT NULL, -- UTC
  CreatedDateTime         TIMESTAMP,          -- UTC
  Id                      VARCHAR NOT NULL,
  OriginalRequestId       VARCHAR,
  CorrelationId           VARCHAR,
  TenantId                VARCHAR,
  UserPrincipalName       VARCHAR,
  UserId                  VARCHAR,
  UserDisplayName         VARCHAR,
  UserType                VARCHAR,
  AppDisplayName          VARCHAR,
  AppId                   VARCHAR,
  ResourceDisplayName     VARCHAR,
  ResourceId              VARCHAR,            -- the resource's application id (LA ResourceIdentity)
  ClientAppUsed           VARCHAR,
  IPAddress               VARCHAR,
  UserAgent               VARCHAR,
  DeviceId                VARCHAR,
  DeviceDisplayName       VARCHAR,
  OperatingSystem         VARCHAR,
  Browser                 VARCHAR,
  TrustType               VARCHAR,
  IsCompliant             BOOLEAN,
  IsManaged               BOOLEAN,
  ErrorCode               INTEGER,
  FailureReason           VARCHAR,
  ConditionalAccessStatus VARCHAR,
  TokenProtectionStatus   VARCHAR,            -- tokenProtectionStatusDetails.signInSessionStatus
  TokenProtectionStatusCode INTEGER,          -- tokenProtectionStatusDetails.signInSessionStatusCode
  ConditionalAccessPolicies STRUCT(
    id VARCHAR,
    displayName VARCHAR,
    result VARCHAR,
    enforcedGrantControls VARCHAR[],
    enforcedSessionControls VARCHAR[],
    sessionControlsNotSatisfied VARCHAR[]     -- NULL when the record has no such key
  )[],
  SourceFile              VARCHAR NOT NULL,
  SourceFormat            VARCHAR NOT NULL,
  SourcePosition          VARCHAR NOT NULL,   -- e.g. 'line 12', 'record 3', 'record 2, item 7', 'row 5'
  IngestRun               INTEGER NOT NULL,
  Record                  JSON NOT NULL       -- the original record, as read
);

CREATE TABLE ingest_runs (
  Run        INTEGER PRIMARY KEY,
  StartedAt  TIMESTAMP NOT NULL,
  Summary    JSON NOT NULL
);
