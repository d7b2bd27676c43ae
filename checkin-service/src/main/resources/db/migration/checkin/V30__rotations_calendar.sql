-- A rota that repeats: a weekly rotation hands over from one member to the next at a set day and time in its
-- zone (the next member the fallback), expanded into the rota's shifts as it is published; an override gives a day
-- or a shift of it to someone else. A staff member's calendar feed is read at a private URL whose token is kept
-- only as its hash.
create table on_call_rotation (
    id             uuid primary key,
    name           text        not null,
    programme_id   text        references programme (id),
    members        text[]      not null,
    handover_day   int         not null check (handover_day between 1 and 7),
    handover_time  time        not null,
    starts_on      date        not null,
    zone           text        not null,
    with_fallback  boolean     not null default true,
    created_by     text        not null,
    created_at     timestamptz not null
);

create table on_call_override (
    id           uuid primary key,
    rotation_id  uuid        not null references on_call_rotation (id) on delete cascade,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null check (ends_at > starts_at),
    username     text        not null references staff_user (username),
    created_by   text        not null,
    created_at   timestamptz not null
);
create index on_call_override_rotation on on_call_override (rotation_id, ends_at);

alter table staff_user add column calendar_token_hash text unique;
