/**
 * Programmes kept apart. A client belongs to one programme, a staff user to one or more: a STAFF user sees and
 * changes only their programmes' clients, alerts and disclosures, and another programme's client answers 404 —
 * never 403, so ids cannot be probed. ADMIN sees every programme.
 */
package app.lantern.checkin.programmes;
