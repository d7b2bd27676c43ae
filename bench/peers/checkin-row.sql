-- pgbench's transaction for the intake's limit: what one check-in writes durably when it is stored alone — the
-- client's row locked and its last check-in moved, the check-in's row, and its event on the outbox (the event as
-- Lantern writes it, 330 bytes) — one commit each, against copies of the same tables on the same server
-- (bench/peers/intake makes them; copies so that the relay does not publish these rows).
\set n random(1, :clients)
begin;
update bench_client set last_check_in_at = now() where n = :n;
insert into bench_check_in (id, client_id, channel, craving, mood, used, note, crisis, received_at)
  select gen_random_uuid(), id, 'API', 3, 3, false, null, false, now() from bench_client where n = :n;
insert into bench_outbox (topic, message_key, payload)
  select 'lantern.checkins.v1', id::text, '{"eventId":"' || gen_random_uuid() || '","occurredAt":"' || now()
    || '","schemaVersion":1,"checkInId":"' || gen_random_uuid() || '","clientId":"' || id
    || '","channel":"API","craving":3,"mood":3,"used":false,"note":null,"crisis":false,"receivedAt":"' || now()
    || '","profileVersion":4}' from bench_client where n = :n;
end;
