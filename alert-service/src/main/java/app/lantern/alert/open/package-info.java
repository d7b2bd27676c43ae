/**
 * Open alerts, one per client and type, through raise, repeat, acknowledge, resolve and escalate; the
 * escalation ladder's decisions as pure functions.
 */
package app.lantern.alert.open;
