-- The audit trail's chain is made after each line's transaction commits, not under a lock every audited transaction
-- held until its commit (V22): that lock made every staff change in the deployment wait in one line behind the
-- others' commits. As a transparency log's sequencer does, a line is queued as it is written (audit_pending, in the
-- line's own transaction) and a single linker (AuditChain.linkPending, about once a second) appends, in one
-- transaction of its own, a link per queued line in id order: the SHA-256 of the link before and of the line's bytes.
-- A line edited or removed breaks the chain at its link; a line neither linked nor queued is a line slipped in around
-- the trail, and GET /api/audit/verify names it too.
-- (no foreign key to audit_event: checking one locks the line, which a service allowed only INSERT and SELECT on the
-- trail may not do; verify names a link whose line is gone)
create table audit_link (
  seq bigint primary key,
  audit_id bigint not null unique,
  prev_hash bytea,
  hash bytea not null
);

create table audit_pending (
  audit_id bigint primary key
);

-- The chain as V22 made it, in id order, becomes the first links.
insert into audit_link (seq, audit_id, prev_hash, hash)
  select row_number() over (order by id), id, prev_hash, hash from audit_event order by id;

drop trigger audit_event_chain on audit_event;
drop function audit_event_chain();
alter table audit_event drop column prev_hash, drop column hash;

create function audit_event_queue() returns trigger language plpgsql as $$
begin
  insert into audit_pending (audit_id) values (new.id);
  return null;
end $$;
create trigger audit_event_queue after insert on audit_event for each row execute function audit_event_queue();

create trigger audit_link_no_update before update or delete on audit_link
  for each row execute function audit_event_unchangeable();
create trigger audit_link_no_truncate before truncate on audit_link
  for each statement execute function audit_event_unchangeable();
revoke update, delete, truncate on audit_link from current_user;
