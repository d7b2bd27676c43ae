create table check_in (
    id               uuid primary key,
    client_id        uuid        not null references client (id) on delete cascade,
    channel          text        not null check (channel in ('SMS', 'WEB', 'API')),
    craving          int         not null check (craving between 0 and 10),
    mood             int check (mood between 1 and 5),
    used             boolean     not null,
    note             text,
    crisis           boolean     not null,
    received_at      timestamptz not null,
    -- an API Idempotency-Key or a Twilio MessageSid: a retry returns the first check-in
    idempotency_key  text unique
);
create index check_in_client on check_in (client_id, received_at desc);

-- The transactional outbox: events written in the same transaction as the change they announce, and
-- relayed to Kafka in id order. A row is deleted once Kafka has acknowledged it.
create table outbox (
    id           bigserial primary key,
    topic        text        not null,
    message_key  text        not null,
    payload      text,
    created_at   timestamptz not null default now()
);
