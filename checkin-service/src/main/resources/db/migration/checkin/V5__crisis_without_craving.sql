-- A client who asks for help ("I need help now", words of crisis) or reports use need not give a craving.
alter table check_in alter column craving drop not null;
alter table check_in add constraint check_in_craving_or_crisis check (craving is not null or crisis or used);

-- Inbound SMS by Twilio's MessageSid: a retried webhook gets the same reply and records nothing new.
create table inbound_sms (
    message_sid  text primary key,
    received_at  timestamptz not null,
    sender_kind  text        not null,
    outcome      text        not null,
    reply        text        not null
);
