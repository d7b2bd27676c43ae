-- Deliveries are not only of alerts: invitations, reminders and all-clears are claimed the same way.
alter table delivery rename column alert_id to subject_id;
alter table delivery add column kind text not null default 'ALERT';
