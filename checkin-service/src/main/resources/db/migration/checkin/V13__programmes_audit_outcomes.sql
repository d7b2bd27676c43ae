-- Programmes kept apart: a client belongs to one programme, a staff user to one or more; STAFF see and change
-- only their programmes' clients (ADMIN sees all). Every existing install has the default programme.
create table programme (
    id              text primary key check (id ~ '^[a-z0-9-]{2,40}$'),
    name            text        not null,
    -- the zone the console shows times in, and the country a phone number typed without +country belongs to
    timezone        text        not null,
    default_region  text        not null default 'US',
    created_at      timestamptz not null default now()
);
insert into programme (id, name, timezone) values ('default', 'Lantern', 'UTC');

alter table client add column programme_id text not null default 'default' references programme (id);
create index client_programme on client (programme_id);

create table staff_programme (
    username      text not null references staff_user (username) on delete cascade,
    programme_id  text not null references programme (id),
    primary key (username, programme_id)
);
insert into staff_programme (username, programme_id) select username, 'default' from staff_user;

-- The audit trail is of more than client records now: sign-ins, staff, the rota. Never the personal data itself.
alter table audit_event alter column client_id drop not null;
alter table audit_event add column subject text;
create index audit_event_actor on audit_event (actor, at);
create index audit_event_at on audit_event (at);

-- Was the alert useful? Staff say so when they resolve it; the programme board counts it per rule and type.
alter table alert add column rule text;
alter table alert add column acknowledged_at timestamptz;
alter table alert add column outcome text check (outcome in ('HELPFUL', 'NOT_NEEDED', 'FALSE_ALARM'));
alter table alert add column outcome_by text;
alter table alert add column outcome_note text;

-- An inbound SMS's reply can quote the client's coping plan: erasure finds it by the client.
alter table inbound_sms add column client_id uuid;
create index inbound_sms_client on inbound_sms (client_id) where client_id is not null;

-- A pause may end by itself on the client's own date.
alter table client add column resume_on date;

-- The accounting of disclosures names the recipient's role: kept when the contact (and the client) is erased.
alter table disclosure add column recipient_role text;
update disclosure d set recipient_role = s.role from support_contact s where s.id::text = d.recipient;
