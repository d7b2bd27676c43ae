-- One audited staff change, as the API makes one: the record's row changed and its audit line, one commit.
\set c random(1, 100000)
begin;
update bench_record set n = n + 1 where id = :c;
insert into audit_event (client_id, actor, action, detail, at)
  values (gen_random_uuid(), 'admin', 'CONTACT_ADDED', 'contact 1', now());
commit;
