-- Read models of other services' topics, for the console and the API.

create table alert (
    id             uuid primary key,
    client_id      uuid        not null,
    type           text        not null,
    severity       text        not null,
    state          text        not null,
    level          int         not null,
    reason         text,
    raised_at      timestamptz not null,
    updated_at     timestamptz not null,
    last_event_id  uuid        not null
);
create index alert_open on alert (state, client_id);

-- The disclosure log: every send and suppression the notifier reported, one row per event.
create table disclosure (
    event_id     uuid primary key,
    delivery_id  uuid        not null,
    client_id    uuid        not null,
    alert_id     uuid,
    alert_type   text,
    level        int,
    recipient    text        not null,
    channel      text        not null,
    consent_id   text,
    status       text        not null,
    reason       text,
    at           timestamptz not null
);
create index disclosure_client on disclosure (client_id, at desc);
