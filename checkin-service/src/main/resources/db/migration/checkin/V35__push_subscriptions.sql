-- The browsers a client allowed to show their reminders as notifications (Web Push): the push service's endpoint
-- and the subscription's keys, as the browser gave them. Carried in the client's profile to the notifier, which
-- sends a reminder there first and by SMS when the push service does not take it. Erased with the client.
create table push_subscription (
    endpoint    text        primary key,
    client_id   uuid        not null references client (id),
    p256dh      text        not null,
    auth        text        not null,
    created_at  timestamptz not null
);

create index push_subscription_client on push_subscription (client_id);
