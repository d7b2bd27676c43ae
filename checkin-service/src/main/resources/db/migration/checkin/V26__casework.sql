-- A case manager's day: each client's own workers, a worker's leave covered by a named colleague, case notes, and
-- follow-up tasks (by staff, or by the programme's follow-up policy when an alert closes).
alter table client add column primary_worker text references staff_user (username);
alter table client add column second_worker text references staff_user (username);
create index client_primary_worker on client (primary_worker);
create index client_second_worker on client (second_worker);

create table staff_leave (
    id          uuid primary key,
    username    text        not null references staff_user (username),
    starts_on   date        not null,
    ends_on     date        not null,
    covered_by  text        not null references staff_user (username),
    recorded_by text        not null,
    recorded_at timestamptz not null,
    check (ends_on >= starts_on),
    check (covered_by <> username)
);
create index staff_leave_by_user on staff_leave (username, ends_on);

create table case_note (
    id        uuid primary key,
    client_id uuid        not null references client (id) on delete cascade,
    author    text        not null,
    kind      text        not null check (kind in ('CALL', 'TEXT', 'VISIT', 'MEETING', 'OTHER')),
    outcome   text        not null check (outcome in ('REACHED', 'NO_ANSWER', 'LEFT_MESSAGE', 'NOT_REACHED')),
    body      text,
    at        timestamptz not null,
    written_at timestamptz not null
);
create index case_note_by_client on case_note (client_id, at desc);

create table follow_up (
    id           uuid primary key,
    client_id    uuid        not null references client (id) on delete cascade,
    title        text        not null,
    due_at       timestamptz not null,
    -- null: the programme's, for whoever takes it
    owner        text references staff_user (username),
    state        text        not null default 'OPEN' check (state in ('OPEN', 'DONE', 'CANCELLED')),
    created_by   text        not null,
    -- the policy that made it, and the alert it followed, when a rule did
    policy       text,
    alert_id     uuid,
    created_at   timestamptz not null,
    closed_at    timestamptz,
    closed_by    text,
    -- when it was first seen past its due time, open (audited then, once)
    overdue_noted_at timestamptz
);
create index follow_up_queue on follow_up (owner, state, due_at);
create index follow_up_by_client on follow_up (client_id, state);
create unique index follow_up_once_per_alert on follow_up (alert_id, policy) where alert_id is not null;

-- a programme's follow-up policy: which closed alerts make a task, and how long it gives
alter table programme add column follow_up_missed_hours int check (follow_up_missed_hours between 1 and 720) default 24;
alter table programme add column follow_up_disengaging_hours int check (follow_up_disengaging_hours between 1 and 720) default 72;
