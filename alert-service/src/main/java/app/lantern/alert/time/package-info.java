/**
 * Rules about time: each client's next due time in their own zone, the deadline index (a store keyed by
 * big-endian deadline millis, range-scanned up to now), missed check-ins, escalation and reminders.
 */
package app.lantern.alert.time;
