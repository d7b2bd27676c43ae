-- The client registry: who is in the programme, when they check in, and who they chose to be told.

create table client (
    id                uuid primary key,
    display_name      text        not null,
    phone             text        not null unique,
    email             text,
    timezone          text        not null,
    status            text        not null check (status in ('ACTIVE', 'PAUSED', 'DISCHARGED')),
    craving_threshold int         not null check (craving_threshold between 0 and 10),
    coping_plan       text[]      not null default '{}',
    -- only the SHA-256 of the check-in link's token is kept: a database leak does not open anyone's page
    link_token_hash   text        not null unique,
    enrolled_at       timestamptz not null,
    -- grows with every committed change; the profile event carries it so consumers drop stale ones
    profile_version   bigint      not null default 1,
    last_check_in_at  timestamptz
);

create table schedule (
    client_id                 uuid primary key references client (id) on delete cascade,
    due_times                 time[]      not null,
    grace_minutes             int         not null check (grace_minutes between 1 and 720),
    reminder_minutes_before   int         not null check (reminder_minutes_before between 0 and 720),
    effective_from            timestamptz not null
);

create table support_contact (
    id                   uuid primary key,
    client_id            uuid        not null references client (id) on delete cascade,
    name                 text        not null,
    role                 text        not null,
    phone                text,
    email                text,
    channels             text[]      not null,
    tier                 int         not null check (tier between 1 and 3),
    timezone             text,
    quiet_start          time,
    quiet_end            time,
    any_hour             boolean     not null default false,
    -- the contact's own opt-in, per channel: until they confirm, they are sent nothing but the invitation
    sms_confirmed_at     timestamptz,
    email_confirmed_at   timestamptz,
    created_at           timestamptz not null
);
create index support_contact_client on support_contact (client_id);
create index support_contact_phone on support_contact (phone);

-- 42 CFR 2.31: recipient, description of information, purpose, date, expiry, and revocation.
create table consent (
    id           uuid primary key,
    client_id    uuid        not null references client (id) on delete cascade,
    contact_id   uuid        not null references support_contact (id) on delete cascade,
    alert_types  text[]      not null,
    purpose      text        not null,
    given_at     timestamptz not null,
    expires_on   date,
    expires_at   timestamptz,
    recorded_by  text        not null,
    revoked_at   timestamptz,
    revoked_by   text
);
create index consent_contact on consent (contact_id);

-- Numbers that texted STOP (client or contact); honoured by the notifier until START.
create table opt_out (
    phone         text primary key,
    opted_out_at  timestamptz not null
);

-- Who changed a client's record, when, and what: never the values of personal fields.
create table audit_event (
    id         bigserial primary key,
    client_id  uuid        not null,
    actor      text        not null,
    action     text        not null,
    detail     text,
    at         timestamptz not null
);
create index audit_event_client on audit_event (client_id, at);

create table staff_user (
    username         text primary key,
    password_hash    text        not null,
    role             text        not null check (role in ('STAFF', 'ADMIN')),
    enabled          boolean     not null default true,
    failed_attempts  int         not null default 0,
    locked_until     timestamptz,
    created_at       timestamptz not null
);
