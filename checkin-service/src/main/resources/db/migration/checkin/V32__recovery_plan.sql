-- The client's own recovery plan, every version kept: warning signs and triggers, coping steps, people to call,
-- reasons for recovery, what to do in a crisis. Who changed it: 'client' (on their private page) or a staff user.
-- Never disclosed to a contact; erased with the client.
create table recovery_plan (
    client_id   uuid        not null references client (id),
    version     int         not null,
    plan        jsonb       not null,
    changed_at  timestamptz not null,
    changed_by  text        not null,
    primary key (client_id, version)
);
