-- What the client goes to: a therapy session, a meeting every Tuesday at 19:00, a daily medication dose, a clinic
-- visit. Either once (on_date) or on weekdays (days, ISO numbers 1 = Monday … 7 = Sunday), at a local time in the
-- client's zone. A reminder goes remind_minutes before it (0: none); after it (minutes long) the client is asked
-- whether they made it. Added by 'client' (their private page) or a staff user; ended, never deleted, except by
-- erasure with the client. The title is the client's own words and is never sent anywhere.
create table appointment (
    id              uuid        primary key,
    client_id       uuid        not null references client (id),
    kind            text        not null check (kind in ('THERAPY', 'MEETING', 'MEDICATION', 'CLINIC', 'OTHER')),
    title           text        not null,
    days            int[]       not null default '{}',
    on_date         date,
    at_time         time        not null,
    minutes         int         not null check (minutes between 0 and 720),
    remind_minutes  int         not null check (remind_minutes between 0 and 1440),
    ask_after       boolean     not null default true,
    added_by        text        not null,
    added_at        timestamptz not null,
    ended_at        timestamptz,
    check ((on_date is null) <> (cardinality(days) = 0))
);

create index appointment_client on appointment (client_id) where ended_at is null;

-- One occurrence of an appointment once something was done about it: the reminder sent, the question asked, the
-- client's answer (ATTENDED or MISSED) and how it came (SMS or PAGE).
create table appointment_occurrence (
    appointment_id  uuid        not null references appointment (id),
    starts_at       timestamptz not null,
    reminded_at     timestamptz,
    asked_at        timestamptz,
    answer          text        check (answer in ('ATTENDED', 'MISSED')),
    answered_at     timestamptz,
    answered_via    text,
    primary key (appointment_id, starts_at)
);

create index appointment_occurrence_asked on appointment_occurrence (asked_at) where answer is null;
