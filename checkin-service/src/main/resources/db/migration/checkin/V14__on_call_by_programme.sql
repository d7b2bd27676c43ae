-- A shift covers the clients of one programme, or (null) of every programme, as every shift did before.
alter table on_call_shift add column programme_id text references programme (id);
