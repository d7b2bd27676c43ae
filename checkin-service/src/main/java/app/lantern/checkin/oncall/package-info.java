/**
 * Tier 3 of the escalation ladder: the programme's on-call rota of staff users (with the phone and e-mail they
 * are reached on), managed at {@code /api/staff/on-call} and in the console, and published whole to the
 * notifier on {@code lantern.on-call.v1} after every change.
 */
package app.lantern.checkin.oncall;
