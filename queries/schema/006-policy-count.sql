-- Schema version 6: how many Conditional Access policies each record carried (NULL: the record has
-- no policy array at all, as some pipelines strip it), so that a report's coverage line counts
-- records without reading every record's list of policies (0.5 s over a million records).
ALTER TABLE signins ADD COLUMN PolicyCount INTEGER;
UPDATE signins SET PolicyCount = len(ConditionalAccessPolicies);
