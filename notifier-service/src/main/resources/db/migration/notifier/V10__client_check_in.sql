-- When each client last checked in, for the evening note to contacts who asked for it (DAILY). Erased with the client.
create table client_check_in (
    client_id  text primary key,
    last_at    timestamptz not null
);
