-- A second factor for staff: a passkey (WebAuthn, in the two tables Spring Security's JDBC repositories read and
-- write, as its own PostgreSQL schema has them) or a time-based one-time code from an authenticator app; and a
-- programme that requires one of them of everyone who works in it.
create table user_entities (
    id           varchar(1000) primary key,
    -- the staff user's name
    name         varchar(100)  not null unique,
    display_name varchar(200)
);

create table user_credentials (
    credential_id                varchar(1000) primary key,
    user_entity_user_id          varchar(1000) not null references user_entities (id) on delete cascade,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamp,
    last_used                    timestamp,
    label                        varchar(1000) not null
);
create index user_credentials_by_user on user_credentials (user_entity_user_id);

create table staff_totp (
    username     text primary key references staff_user (username) on delete cascade,
    -- the shared key (RFC 6238, HMAC-SHA1, 30-second steps, 6 digits)
    secret       bytea       not null,
    created_at   timestamptz not null,
    -- null until the user has typed a code from the app: only then does it sign anyone in
    confirmed_at timestamptz,
    -- the last time step a console sign-in used: a code is good for one sign-in
    last_step    bigint      not null default 0
);

alter table programme add column second_factor_required boolean not null default false;
