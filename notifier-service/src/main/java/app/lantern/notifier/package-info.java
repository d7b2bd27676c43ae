/**
 * Delivery: reads alerts and profiles, decides who may be told (consent, opt-in, opt-out, quiet hours), says
 * the least that is needed, sends once, and records every send and suppression.
 */
package app.lantern.notifier;
