-- An alert that cannot be decided yet — its client's profile, or the profile version it was raised under, has
-- not reached the notifier — waits here in order per client, while every other client's alerts go on. Released
-- when the profile arrives; lantern_deliveries_waiting{cause="profile"} counts them.
create table waiting_alert (
    seq           bigserial primary key,
    client_id     text        not null,
    alert_id      uuid        not null,
    needs_version bigint      not null default 0,
    payload       text        not null,
    received_at   timestamptz not null,
    leased_until  timestamptz
);
create index waiting_alert_client on waiting_alert (client_id, seq);

-- A send may have started at this instant and its answer is not recorded yet: in flight, or lost with a crash
-- or a read time-out. Before such a delivery is sent again, the channel is asked whether it took it.
alter table delivery add column in_flight_since timestamptz;
-- Rows left "in flight" by the previous release (next_attempt_at cleared mid-send) go back to the queue.
update delivery set in_flight_since = updated_at, next_attempt_at = now()
where status = 'QUEUED' and next_attempt_at is null;
