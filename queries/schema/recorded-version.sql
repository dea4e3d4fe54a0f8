SELECT max(Version) AS Version FROM signin_audit_schema;
