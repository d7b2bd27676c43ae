/**
 * From an alert to sends: who is in reach, what the checks decide, one claim per (alert, level, recipient,
 * channel) in PostgreSQL, the minimum-necessary message, the send, and the record on the disclosure log.
 */
package app.lantern.notifier.delivery;
