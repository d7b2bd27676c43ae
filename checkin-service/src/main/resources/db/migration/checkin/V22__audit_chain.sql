-- The audit trail cannot be rewritten. Each row carries the SHA-256 of the row before it and of itself, so an
-- edit or a deletion anywhere breaks the chain from there on (GET /api/audit/verify names the first row that
-- breaks it); and the application may only insert: updates, deletes and truncation are refused, by privilege and
-- by trigger. (Run the migrations as the tables' owner and the service as a role with INSERT and SELECT alone on
-- audit_event to make the refusal the database's, not the application's: see docs/operations.md.)
alter table audit_event add column prev_hash bytea;
alter table audit_event add column hash bytea;

-- The row as hashed: every column, in order, separated by the unit separator (which no column holds).
create function audit_event_bytes(e audit_event) returns bytea language sql immutable as $$
  select convert_to(concat_ws(chr(31), e.id::text, coalesce(e.client_id::text, ''), e.actor, e.action,
    coalesce(e.detail, ''), to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), coalesce(e.subject, '')),
    'UTF8')
$$;

-- The rows there already, chained in id order.
do $$
declare
  row audit_event;
  previous bytea := null;
begin
  for row in select * from audit_event order by id loop
    update audit_event set prev_hash = previous, hash = sha256(coalesce(previous, ''::bytea) || audit_event_bytes(row))
    where id = row.id returning hash into previous;
  end loop;
end $$;

-- One link at a time: the id is taken under the lock, so the chain's order is the ids' order.
create function audit_event_chain() returns trigger language plpgsql as $$
declare
  previous bytea;
begin
  perform pg_advisory_xact_lock(727001);
  new.id := nextval(pg_get_serial_sequence('audit_event', 'id'));
  select hash into previous from audit_event order by id desc limit 1;
  new.prev_hash := previous;
  new.hash := sha256(coalesce(previous, ''::bytea) || audit_event_bytes(new));
  return new;
end $$;
create trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();

create function audit_event_unchangeable() returns trigger language plpgsql as $$
begin
  raise exception 'the audit trail is append-only: % refused', tg_op;
end $$;
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_unchangeable();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_unchangeable();

revoke update, delete, truncate on audit_event from current_user;
