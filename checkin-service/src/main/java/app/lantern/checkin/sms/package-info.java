/**
 * SMS intake: Twilio's webhook (signature checked, MessageSid as the idempotency key), the grammar of docs/contract.md
 * as a small parser, and the replies — a confirmation, the client's coping plan on a hard day, crisis
 * resources at once, opt-out and opt-in, and a neutral answer to numbers Lantern does not know.
 */
package app.lantern.checkin.sms;
