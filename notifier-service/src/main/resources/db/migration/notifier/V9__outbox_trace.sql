-- The W3C traceparent of what caused the event (see checkin's V12): carried to the Kafka record's headers.
alter table outbox add column trace_parent text;
