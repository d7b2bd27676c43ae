-- A delivery that could not go now waits here: a recoverable failure (with back-off) or quiet hours (until
-- morning). The message is kept so that the retry says exactly what was decided; the decision itself is
-- checked again (consent, opt-in, opt-out) at the moment of sending.
alter table delivery add column address text;
alter table delivery add column subject text;
alter table delivery add column body text;
alter table delivery add column event text;
alter table delivery add column attempts int not null default 0;
alter table delivery add column next_attempt_at timestamptz;
alter table delivery add column message_sid text;
create index delivery_waiting on delivery (next_attempt_at) where status = 'QUEUED' and next_attempt_at is not null;
