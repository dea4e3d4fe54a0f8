INSERT INTO audit_run_apps
SELECT $run, a.AppDisplayName, a.Requests, a.Block, a.Allow, a.PctAllowed
FROM (SELECT unnest(from_json($apps, '[{"AppDisplayName":"VARCHAR","Requests":"INTEGER","Block":"INTEGER","Allow":"INTEGER","PctAllowed":"DOUBLE"}]'), recursive := true)) a;
