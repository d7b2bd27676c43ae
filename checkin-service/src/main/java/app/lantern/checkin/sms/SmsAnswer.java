package app.lantern.checkin.sms;

/** What an inbound SMS came to: who sent it (CLIENT, CONTACT, UNKNOWN), the outcome for metrics, the reply. */
record SmsAnswer(String sender, String outcome, String reply) {
}
