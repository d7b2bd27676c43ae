-- The reminder ladder's last nudges to the client before anyone is told: at the due time, and some minutes into
-- the grace (0: none).
alter table schedule add column nudge_at_due boolean not null default false;
alter table schedule add column nudge_minutes_after int not null default 0 check (nudge_minutes_after between 0 and 719);
