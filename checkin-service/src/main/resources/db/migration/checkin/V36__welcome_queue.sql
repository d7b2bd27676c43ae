-- The welcomes of a bulk import, waiting their turn: when each client's welcome goes, paced at the rate Twilio
-- sends from one number. The link is made when the welcome goes, so none waits here.
create table welcome_queue (
    client_id  uuid        primary key references client (id),
    send_at    timestamptz not null
);

create index welcome_queue_due on welcome_queue (send_at);
