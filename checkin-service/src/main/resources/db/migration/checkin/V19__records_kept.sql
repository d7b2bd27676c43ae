-- Nothing the law keeps is deleted by an edit (42 CFR 2.24, 2.31).
--
-- A disclosure row keeps whom it told by name as they were when told; removing the contact later loses nothing.
-- (Erasure clears it with the rest of the client's personal data; the role stays.)
alter table disclosure add column recipient_name text;
update disclosure d set recipient_name = s.name from support_contact s where s.id::text = d.recipient;
update disclosure set recipient_name = substring(recipient from 7) where recipient like 'staff:%';

-- A consent keeps the recipient it names, and outlives the contact: removing a contact ends their consents
-- (revoked_at, ended_reason) instead of deleting them.
alter table consent add column contact_name text;
alter table consent add column contact_role text;
alter table consent add column ended_reason text;
update consent c set contact_name = s.name, contact_role = s.role from support_contact s where s.id = c.contact_id;
alter table consent alter column contact_id drop not null;
alter table consent drop constraint consent_contact_id_fkey;
alter table consent add constraint consent_contact_id_fkey
    foreign key (contact_id) references support_contact (id) on delete set null;
