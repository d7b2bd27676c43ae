-- Tier 3: the programme's own staff, reached on call. A staff user may have a phone and an e-mail for it.
alter table staff_user add column phone text;
alter table staff_user add column email text;

-- Who is on call when (instants; entered in the programme's time zone), and who stands in.
create table on_call_shift (
    id           uuid primary key,
    starts_at    timestamptz not null,
    ends_at      timestamptz not null check (ends_at > starts_at),
    primary_user text        not null references staff_user (username),
    fallback_user text       references staff_user (username),
    created_by   text        not null,
    created_at   timestamptz not null
);
create index on_call_shift_ends on on_call_shift (ends_at);

-- Every change of the rota is published whole, with a version that only grows.
create sequence on_call_rota_version;
