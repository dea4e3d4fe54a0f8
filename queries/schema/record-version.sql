INSERT INTO signin_audit_schema VALUES ($version, now() AT TIME ZONE 'UTC');
