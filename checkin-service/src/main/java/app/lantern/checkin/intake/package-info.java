/**
 * Check-in intake: a check-in is committed to PostgreSQL, with its event in the outbox, before the client is
 * told it was received.
 */
package app.lantern.checkin.intake;
