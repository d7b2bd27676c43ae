package app.lantern.notifier.delivery;



/**
 * What to send and why: kept with a delivery that waits, so that a retry says the same and is checked against
 * the same cause ({@code event}, the JSON of the alert, reminder or invitation).
 */
public record Message(String address, String subject, String body, String event) {
}
