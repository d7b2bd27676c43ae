package app.lantern.notifier.oncall;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.OnCallRota;

/**
 * Who on the on-call rota is told of an alert at its level, as a pure function (tier 3 is staff). A
 * CRISIS goes to the person on call at once (level 1), and to the fallback if no one acknowledges it in time
 * (level 2). Any other alert goes to staff once it climbs past the client's last contact tier that could receive
 * it — at once when no contact can (no consent for this kind of alert, no opted-in channel) — the person on call
 * first, the fallback a level later. Staff need no Part 2 consent: they are the programme's own.
 */
public final class StaffReach {

	/** A delivery's recipient when it is a staff member: {@code staff:<username>}, never a contact's id. */
	public static final String PREFIX = "staff:";

	private StaffReach() {
	}

	/** The staff member told of {@code alert} at its level, if any: the rota's chain at {@code now}, ranked. */
	public static Optional<OnCallRota.StaffMember> toTell(AlertEvent alert, ClientProfile profile, OnCallRota rota,
			Instant now) {
		int rank = rank(alert, profile, now);
		if (rank < 0 || rota == null) {
			return Optional.empty();
		}
		// the shifts of the client's programme, and those of every programme
		List<OnCallRota.StaffMember> chain = rota.chainAt(now, profile == null ? null : profile.programme());
		return rank < chain.size() ? Optional.of(chain.get(rank)) : Optional.empty();
	}

	/** Whether the alert has come to the person on call or the fallback at its level (whoever they are). */
	public static boolean needsStaff(AlertEvent alert, ClientProfile profile, Instant now) {
		int rank = rank(alert, profile, now);
		return rank == 0 || rank == 1;
	}

	/** 0: the person on call; 1: the fallback; negative: no staff at this level. */
	static int rank(AlertEvent alert, ClientProfile profile, Instant now) {
		if (alert.type() == AlertType.CRISIS) {
			return alert.level() - 1;
		}
		return alert.level() - (lastReachableTier(alert, profile, now) + 1);
	}

	/** The highest tier of a contact who could be told of this kind of alert now; 0 when none could. */
	static int lastReachableTier(AlertEvent alert, ClientProfile profile, Instant now) {
		if (profile == null) {
			return 0;
		}
		return profile.contacts().stream()
			.filter(contact -> contact.consents().stream().anyMatch(consent -> consent.covers(alert.type(), now)))
			.filter(contact -> contact.confirmedChannels().stream()
				.anyMatch(channel -> channel != ContactChannel.SMS || !contact.smsOptedOut()))
			.mapToInt(ClientProfile.SupportContact::tier)
			.max()
			.orElse(0);
	}

	/** The recipient id of a staff member's deliveries. */
	public static String recipient(OnCallRota.StaffMember member) {
		return PREFIX + member.username();
	}

	public static boolean isStaff(String recipient) {
		return recipient != null && recipient.startsWith(PREFIX);
	}
}
