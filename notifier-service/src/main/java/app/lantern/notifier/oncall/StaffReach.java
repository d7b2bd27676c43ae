package app.lantern.notifier.oncall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ContactChannel;
import app.lantern.events.OnCallRota;

/**
 * Who of the programme's staff is told of an alert at its level, and how, as a pure function (tier 3 is staff;
 * staff need no Part 2 consent: they are the programme's own).
 * <p>
 * A CRISIS is texted to the person on call at once (level 1) — or, when no one on call can take it (no shift, no
 * phone, a STOP), to every staff member of the client's programme with a phone, then every ADMIN: never nobody.
 * Unacknowledged after the crisis timeout (level 2), the person on call's phone rings (every ADMIN is texted when
 * there is no one on call); a level later the fallback is texted and rung. Any other alert goes to staff once it
 * climbs past the client's last contact tier that could receive it — at once when no contact can (no consent for
 * this kind of alert, no opted-in channel) — the client's own worker first while they are on a shift (their primary
 * worker, else the second; the colleague covering a worker's leave in their place), then the person on call, the
 * fallback a level later; a crisis reaches the worker on shift at once, with the person on call. A repeat is told
 * again to those told before: a crisis to the first told and whoever its level reached; anything else only to the
 * staff member who acknowledged it.
 */
public final class StaffReach {

	/** A delivery's recipient when it is a staff member: {@code staff:<username>}, never a contact's id. */
	public static final String PREFIX = "staff:";

	private static final Set<ContactChannel> TEXT = Set.of(ContactChannel.SMS, ContactChannel.EMAIL);

	private static final Set<ContactChannel> RING = Set.of(ContactChannel.VOICE);

	private static final Set<ContactChannel> TEXT_AND_RING = Set.of(ContactChannel.SMS, ContactChannel.EMAIL,
			ContactChannel.VOICE);

	private StaffReach() {
	}

	/** One staff member to tell, and the ways to reach them (each one they have an address for). */
	public record Reach(OnCallRota.StaffMember member, Set<ContactChannel> channels) {
	}

	/** The staff told of {@code alert} at its level, under the rota at {@code now} (see the class's comment). */
	public static List<Reach> toTell(AlertEvent alert, ClientProfile profile, OnCallRota rota, Instant now) {
		if (rota == null) {
			return List.of();
		}
		String programme = profile == null ? null : profile.programme();
		// the shifts of the client's programme, and those of every programme
		List<OnCallRota.StaffMember> chain = rota.chainAt(now, programme);
		// the client's own worker, while on shift, is told first: before the person on call (with them, of a crisis)
		Optional<OnCallRota.StaffMember> worker = profile == null ? Optional.empty()
				: rota.workerOnShift(profile.workers(), now);
		Map<String, Reach> told = new LinkedHashMap<>();
		if (alert.type() == AlertType.CRISIS) {
			if (alert.level() == 1 || alert.state() == AlertState.REPEATED) {
				worker.ifPresent(member -> add(told, member, TEXT));
			}
			crisis(alert, chain, rota, programme, told);
		}
		else if (alert.state() == AlertState.REPEATED) {
			if (isStaff(alert.acknowledgedBy())) {
				rota.staffMember(alert.acknowledgedBy().substring(PREFIX.length()))
					.ifPresent(member -> add(told, member, TEXT));
			}
		}
		else {
			List<OnCallRota.StaffMember> ladder = new ArrayList<>();
			worker.ifPresent(ladder::add);
			chain.stream().filter(member -> worker.map(first -> !first.username().equals(member.username())).orElse(true))
				.forEach(ladder::add);
			int rank = rank(alert, profile, now);
			if (rank >= 0 && rank < ladder.size()) {
				add(told, ladder.get(rank), TEXT);
			}
		}
		return new ArrayList<>(told.values());
	}

	private static void crisis(AlertEvent alert, List<OnCallRota.StaffMember> chain, OnCallRota rota, String programme,
			Map<String, Reach> told) {
		boolean onCall = !chain.isEmpty() && chain.get(0).textable();
		List<OnCallRota.StaffMember> first = onCall ? List.of(chain.get(0)) : rota.everyoneFor(programme);
		int level = alert.level();
		if (level == 1 || alert.state() == AlertState.REPEATED) {
			first.forEach(member -> add(told, member, TEXT));
		}
		if (level == 2) {
			if (onCall) {
				add(told, chain.get(0), RING);
			}
			else {
				rota.admins().forEach(member -> add(told, member, TEXT));
			}
		}
		if (level == 3 && chain.size() > 1) {
			add(told, chain.get(1), TEXT_AND_RING);
		}
	}

	private static void add(Map<String, Reach> told, OnCallRota.StaffMember member, Set<ContactChannel> channels) {
		Set<ContactChannel> reachable = new TreeSet<>();
		for (ContactChannel channel : channels) {
			String address = channel == ContactChannel.EMAIL ? member.email() : member.phone();
			boolean stopped = channel == ContactChannel.SMS && member.smsOptedOut();
			if (address != null && !address.isBlank() && !stopped) {
				reachable.add(channel);
			}
		}
		if (!reachable.isEmpty()) {
			told.merge(member.username(), new Reach(member, reachable), (was, more) -> {
				Set<ContactChannel> both = new TreeSet<>(was.channels());
				both.addAll(more.channels());
				return new Reach(member, both);
			});
		}
	}

	/** Whether the alert has come to staff at its level (whoever they are), so that no one there is worth a warning. */
	public static boolean needsStaff(AlertEvent alert, ClientProfile profile, Instant now) {
		if (alert.type() == AlertType.CRISIS) {
			return true;
		}
		int rank = rank(alert, profile, now);
		return rank == 0 || rank == 1;
	}

	/** 0: the person on call; 1: the fallback; negative: no staff at this level (not a crisis). */
	static int rank(AlertEvent alert, ClientProfile profile, Instant now) {
		return alert.level() - (lastReachableTier(alert, profile, now) + 1);
	}

	/** The highest tier of a contact who could be told of this kind of alert now; 0 when none could. */
	static int lastReachableTier(AlertEvent alert, ClientProfile profile, Instant now) {
		if (profile == null) {
			return 0;
		}
		return profile.contacts().stream()
			.filter(contact -> contact.couldBeToldOf(alert.type(), now))
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
