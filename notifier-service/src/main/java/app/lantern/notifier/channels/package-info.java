/**
 * The ways of reaching a person: Twilio SMS, SMTP e-mail, and the sandbox outbox that stands in for either
 * when it is not configured. Each channel says whether a failure is worth retrying.
 */
package app.lantern.notifier.channels;
