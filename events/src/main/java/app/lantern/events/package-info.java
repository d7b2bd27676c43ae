/**
 * The public event contract between Lantern's services: topic names, event records that refuse to be
 * built in an invalid state, and their JSON form. Every event is keyed by client id (the SMS status
 * receipts by delivery id), carries an {@code eventId}, {@code occurredAt} and {@code schemaVersion},
 * and may be delivered more than once: consumers treat a repeated {@code eventId} as already seen.
 */
package app.lantern.events;
