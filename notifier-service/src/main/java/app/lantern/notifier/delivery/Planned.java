package app.lantern.notifier.delivery;

/** One delivery decided and rendered, ready to be claimed. */
record Planned(Claim claim, Decision decision, Message message) {
}
