-- Schema version 8: each record's token protection policies (token_protection_policies: Binding
-- or SignInTokenProtection among its enforcedSessionControls, any case), kept beside all of its
-- policies so that the per-policy reports (policies, enforcement) and a --policy selection walk
-- the one or two that matter instead of the 15 to 30 of every record: `report policies` over a
-- million records unnested 22.6 million policies to find a million.
ALTER TABLE signins ADD COLUMN TokenProtectionPolicies STRUCT(
    id VARCHAR,
    displayName VARCHAR,
    result VARCHAR,
    enforcedGrantControls VARCHAR[],
    enforcedSessionControls VARCHAR[],
    sessionControlsNotSatisfied VARCHAR[]
  )[];
UPDATE signins SET TokenProtectionPolicies = token_protection_policies(ConditionalAccessPolicies);
