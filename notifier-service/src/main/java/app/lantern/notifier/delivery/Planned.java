package app.lantern.notifier.delivery;



/** One delivery decided on profile version {@code decidedOn} and rendered, ready to be claimed. */
public record Planned(Claim claim, Decision decision, Message message, long decidedOn) {
}
