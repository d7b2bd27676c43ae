/**
 * The pipeline's steps, each small and testable alone: the checks (consent, opt-in, opt-out, quiet hours), the
 * message, the claim, the hand-over to the channels' threads, the last look before a send, the retry policy, the
 * channels' faults and rests, the fallback to the other channel.
 */
package app.lantern.notifier.delivery.steps;
