/**
 * The read model of alerts from {@code lantern.alerts.v1}, for staff; acknowledging or resolving one is a
 * command to the alert service, which owns the alert's state.
 */
package app.lantern.checkin.alerts;
