-- A repeat of an open alert whose severity rose is told again at the same level: severity is part of the claim.
alter table delivery add column severity text not null default '';
drop index delivery_claim;
create unique index delivery_claim on delivery (kind, subject_id, level, severity, recipient, channel);
