-- Schema version 7: each request's platform (platform_of() its earliest record's operating system),
-- kept with it so that a report looks its status code up and counts it without testing five
-- patterns per request (0.1 s of a report over a million requests).
ALTER TABLE requests ADD COLUMN Platform VARCHAR;
UPDATE requests SET Platform = platform_of(Context.OperatingSystem);
