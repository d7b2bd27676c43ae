-- An outbox row Kafka can never take (too large for the broker, an unknown topic): parked here with the reason,
-- so every row behind it goes on. An operator looks here when lantern_outbox_parked is above zero.
create table outbox_parked (
    id           bigint primary key,
    topic        text        not null,
    message_key  text        not null,
    payload      text,
    created_at   timestamptz not null,
    parked_at    timestamptz not null default now(),
    reason       text        not null
);
