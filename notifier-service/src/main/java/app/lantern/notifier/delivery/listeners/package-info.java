/**
 * Where deliveries start: the listeners of alerts, reminders, invitations, check-ins (the evening note) and Twilio's
 * receipts, the retry queue that brings back what waited, and the gauges of what waits. Each turns what it hears
 * into intents for the pipeline.
 */
package app.lantern.notifier.delivery.listeners;
