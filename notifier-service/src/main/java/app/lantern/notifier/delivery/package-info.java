/**
 * From an alert to sends: who is in reach, what the checks decide, one claim per (alert, level, recipient,
 * channel) in PostgreSQL, the minimum-necessary message, the send, and the record on the disclosure log. Here the
 * order of it ({@code DeliveryPipeline}), its wiring and what flows through it; {@code listeners/} where
 * deliveries start, {@code steps/} each step, {@code store/} what is kept.
 */
package app.lantern.notifier.delivery;
