-- The notifier's own view of client profiles, from the compacted lantern.client-profiles.v1.
create table client_profile (
    client_id  text primary key,
    version    bigint not null,
    payload    text   not null
);

-- One row per (alert, level, recipient, channel): the unique key is what makes a send happen once.
create table delivery (
    id           uuid primary key,
    client_id    text        not null,
    alert_id     uuid,
    alert_type   text,
    level        int         not null,
    recipient    text        not null,
    channel      text        not null,
    consent_id   text,
    status       text        not null,
    reason       text,
    detail       text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    unique (alert_id, level, recipient, channel)
);
create index delivery_client on delivery (client_id, created_at desc);

-- What would have gone to Twilio or SMTP when they are not configured.
create table sandbox_message (
    id           bigserial primary key,
    delivery_id  uuid        not null unique,
    channel      text        not null,
    address      text        not null,
    subject      text,
    body         text        not null,
    sent_at      timestamptz not null
);

create table outbox (
    id           bigserial primary key,
    topic        text        not null,
    message_key  text        not null,
    payload      text,
    created_at   timestamptz not null default now()
);
