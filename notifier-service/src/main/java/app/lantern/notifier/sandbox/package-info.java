/**
 * The sandbox outbox: when Twilio or SMTP are not configured, every message that would have been sent is
 * stored here instead, and shown read-only at {@code GET /api/sandbox/messages}.
 */
package app.lantern.notifier.sandbox;
