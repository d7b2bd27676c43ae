-- A consent may end at an event rather than a date (42 CFR 2.31(a)(6)): "at discharge from the programme".
alter table consent add column expiry_event text;

-- The e-mail invitation's confirmation link: only its SHA-256 is kept.
alter table support_contact add column email_invitation_hash text unique;
alter table support_contact add column invited_at timestamptz;
alter table support_contact add column declined_at timestamptz;
