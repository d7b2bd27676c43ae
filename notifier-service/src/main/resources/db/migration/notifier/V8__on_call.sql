-- The notifier's copy of the programme's on-call rota (lantern.on-call.v1): one row, the newest version.
create table on_call_rota (
    id       int    primary key default 1 check (id = 1),
    version  bigint not null,
    payload  text   not null
);
