-- A claim is per kind: the all-clear for an alert is a delivery of its own, next to the alert's.
alter table delivery drop constraint delivery_alert_id_level_recipient_channel_key;
create unique index delivery_claim on delivery (kind, subject_id, level, recipient, channel);
