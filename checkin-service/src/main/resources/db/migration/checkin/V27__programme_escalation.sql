-- A programme's own escalation timeout per kind of alert, in minutes (a CRISIS climbs in minutes, a missed check-in
-- in half an hour), as {"CRISIS": 5, "MISSED_CHECKIN": 30}; a kind not in it climbs on the deployment's.
alter table programme add column escalation_minutes jsonb not null default '{}'::jsonb;
