/** The disclosure log: every send and suppression the notifier reported, read from lantern.deliveries.v1. */
package app.lantern.checkin.disclosures;
