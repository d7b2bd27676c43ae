-- A repeat of an open alert (a second crisis; a high craving after the first was acknowledged) is told again under its
-- own number: it is part of a delivery's unique key, so a repeat is never taken for a duplicate of the first.
alter table delivery add column repeat integer not null default 0;
drop index delivery_claim;
create unique index delivery_claim on delivery (kind, subject_id, level, severity, repeat, recipient, channel);
