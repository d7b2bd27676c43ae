-- What a check-in's request said, as a hash: a retry under the same idempotency key must say the same, or it
-- is answered 422 instead of being taken for the first one.
alter table check_in add column request_hash text;
