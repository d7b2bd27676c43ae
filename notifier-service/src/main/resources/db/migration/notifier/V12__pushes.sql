-- A reminder pushed to the client's browsers, once: claimed by its message id before the push, then PUSHED or
-- FAILED (then it went by SMS). Ids only.
create table push_delivery (
    message_id  uuid        primary key,
    state       text        not null check (state in ('SENDING', 'PUSHED', 'FAILED')),
    at          timestamptz not null
);
