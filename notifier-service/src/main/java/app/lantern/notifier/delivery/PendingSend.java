package app.lantern.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A claimed delivery to send: now, or when its time comes. {@code attempts} is how many failed before;
 * {@code decidedOn} the profile version its checks were last made on (0: not yet); {@code unsureSince}, when
 * set, the instant from which an earlier attempt may have reached the channel without its answer being
 * recorded (a crash, a read time-out): the channel is asked before it is sent again.
 */
public record PendingSend(UUID id, Claim claim, String consentId, Message message, int attempts, long decidedOn,
		Instant unsureSince) {

	public PendingSend(UUID id, Claim claim, String consentId, Message message, int attempts) {
		this(id, claim, consentId, message, attempts, 0, null);
	}

	/** Decided again, on profile {@code version}, under {@code consent}. */
	public PendingSend decided(String consent, long version) {
		return new PendingSend(id, claim, consent, message, attempts, version, unsureSince);
	}
}
