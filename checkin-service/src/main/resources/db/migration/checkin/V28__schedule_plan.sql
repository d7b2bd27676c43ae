-- Due times that differ by day: by weekday ("weekdays at 09:00, Saturday at 11:00, none on Sunday") and a step-down
-- plan counted in the client's days ("twice a day for 30 days, then daily, then three times a week"). Null: the
-- schedule's due_times every day, as before.
alter table schedule add column plan jsonb;
