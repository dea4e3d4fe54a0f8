-- Schema version 3: each record's corrected token protection outcome, evaluated once when it is
-- stored instead of at every report (walking 15–30 policies of every record made a report over a
-- million requests take seconds). See counted_token_protection in queries/macros.sql.
ALTER TABLE signins ADD COLUMN TokenProtectionCounted BOOLEAN;
ALTER TABLE signins ADD COLUMN TokenProtectionBlocked BOOLEAN;
UPDATE signins SET
  TokenProtectionCounted = len(counted_token_protection(ConditionalAccessPolicies)) > 0,
  TokenProtectionBlocked = token_protection_blocks(counted_token_protection(ConditionalAccessPolicies));
