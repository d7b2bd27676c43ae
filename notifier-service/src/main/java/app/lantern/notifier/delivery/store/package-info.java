/**
 * What the notifier keeps in PostgreSQL: the delivery log (every claim, attempt and outcome, written through the
 * outbox with its event), the claims' rows, and the alerts waiting for their client's profile.
 */
package app.lantern.notifier.delivery.store;
