INSERT INTO audit_run_users
SELECT $run, u.UserPrincipalName, u.Requests, u.Block
FROM (SELECT unnest(from_json($users, '[{"UserPrincipalName":"VARCHAR","Requests":"INTEGER","Block":"INTEGER"}]'), recursive := true)) u;
