-- A client's own planned absence (they texted AWAY 3): missed check-ins raise nothing until then.
alter table client add column away_until timestamptz;
-- The longest away a client of the programme may text for (AWAY n, n days).
alter table programme add column max_away_days int not null default 3 check (max_away_days between 0 and 14);
