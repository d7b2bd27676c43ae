-- The contact replied DAILY: an evening note on the days the client checked in (under a CHECKED_IN_DIGEST consent).
alter table support_contact add column digest boolean not null default false;
