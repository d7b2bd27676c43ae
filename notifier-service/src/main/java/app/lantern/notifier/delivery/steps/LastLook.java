package app.lantern.notifier.delivery.steps;

import java.time.Instant;

import app.lantern.events.ClientProfile;
import app.lantern.events.DeliveryKind;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.Decision;
import app.lantern.notifier.delivery.Intent;
import app.lantern.notifier.delivery.PendingSend;
import app.lantern.notifier.delivery.store.DeliveryLog;
import app.lantern.notifier.profiles.ProfileView;
import org.springframework.stereotype.Component;

/**
 * The last look at a send, on its channel's thread, right before the request leaves: decided again if the
 * client's profile changed since it was decided (a consent revoked, a STOP, the client erased), so a revocation
 * that reached the notifier stops every send that starts after it; and, for an all-clear, whether the alert
 * itself reached that person (it waits for the alert's own message, and is dropped if that never went).
 */
@Component
public class LastLook {

	/** What the last look says. */
	public sealed interface Verdict {
	}

	/** Send it, under this consent. */
	public record Go(PendingSend send) implements Verdict {
	}

	/** Do not send it now: suppressed, or deferred (quiet hours), as the checks say. */
	public record Stop(Decision decision) implements Verdict {
	}

	/** Not yet: ask again shortly (an all-clear whose alert is still on its way). */
	public record NotYet(String why) implements Verdict {
	}

	private final ProfileView profiles;

	private final NewestVersions versions;

	private final DeliveryLog deliveries;

	LastLook(ProfileView profiles, DeliveryLog deliveries) {
		this.profiles = profiles;
		this.versions = new NewestVersions(profiles);
		this.deliveries = deliveries;
	}

	public Verdict at(PendingSend send, Instant now) {
		PendingSend checked = send;
		long newest = versions.of(send.claim().clientId());
		if (newest != send.decidedOn()) {
			ClientProfile profile = newest < 0 ? null : profiles.find(send.claim().clientId()).orElse(null);
			Decision decision = decide(send, profile, now);
			if (!(decision instanceof Decision.Send)) {
				return new Stop(decision);
			}
			checked = send.decided(decision.consentId(), profile.version());
		}
		if (send.claim().kind() == DeliveryKind.ALL_CLEAR) {
			Claim claim = send.claim();
			DeliveryLog.Told told = deliveries.told(claim.subjectId(), claim.recipient(), claim.channel());
			if (told == DeliveryLog.Told.NOT_YET) {
				return new NotYet("after the alert's own message");
			}
			if (told == DeliveryLog.Told.NEVER) {
				return new Stop(new Decision.Suppress(SuppressionReason.NEVER_TOLD, send.consentId()));
			}
		}
		return new Go(checked);
	}

	/** The checks on a send that waited, against the newest profile (none: the client was erased). */
	public static Decision decide(PendingSend send, ClientProfile profile, Instant now) {
		return profile == null ? new Decision.Suppress(SuppressionReason.CLIENT_INACTIVE, send.consentId())
				: DeliveryChecks.decide(Intent.resumed(send, profile), now);
	}
}
