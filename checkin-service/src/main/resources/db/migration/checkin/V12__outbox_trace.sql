-- The W3C traceparent of the request that caused the event: the relay puts it in the Kafka record's headers, so a
-- check-in's trace goes on in the rules engine and the notifier. Null for events with no request behind them.
alter table outbox add column trace_parent text;
