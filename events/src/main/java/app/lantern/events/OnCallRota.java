package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The programme's on-call rota, on {@link Topics#ON_CALL}: tier 3 of the escalation ladder. Staff are not
 * contacts: no Part 2 consent is needed to tell the programme's own staff, and their messages still carry only the
 * minimum necessary. {@code staff} holds the phone and e-mail of those on a shift; {@code timezone} is the
 * programme's, in which shifts are entered. {@code version} grows with every change: the newest wins.
 */
public record OnCallRota(UUID eventId, Instant occurredAt, @JsonProperty(required = true) int schemaVersion,
		@JsonProperty(required = true) long version, ZoneId timezone, List<Shift> shifts, List<StaffMember> staff)
		implements LanternEvent {

	public static final int SCHEMA_VERSION = 1;

	/** The one key of the compacted topic. */
	public static final String KEY = "rota";

	public OnCallRota {
		present(eventId, "eventId");
		present(occurredAt, "occurredAt");
		supportedSchema(schemaVersion);
		present(timezone, "timezone");
		shifts = shifts == null ? List.of() : List.copyOf(shifts);
		staff = staff == null ? List.of() : List.copyOf(staff);
	}

	/**
	 * Who is on call from {@code startsAt} until {@code endsAt}, and who stands in if they do not answer;
	 * {@code programme}: the programme whose clients the shift covers, or null for every programme.
	 */
	public record Shift(String id, Instant startsAt, Instant endsAt, String primary, String fallback, String programme) {

		public Shift(String id, Instant startsAt, Instant endsAt, String primary, String fallback) {
			this(id, startsAt, endsAt, primary, fallback, null);
		}

		public Shift {
			text(id, "shifts.id");
			present(startsAt, "shifts.startsAt");
			present(endsAt, "shifts.endsAt");
			text(primary, "shifts.primary");
			if (!endsAt.isAfter(startsAt)) {
				throw new InvalidEventException("shifts.endsAt must be after startsAt");
			}
		}

		boolean covers(Instant at) {
			return !at.isBefore(startsAt) && at.isBefore(endsAt);
		}

		/** Whether the shift covers a client of {@code clientsProgramme} (null: a client of no known programme). */
		boolean coversProgramme(String clientsProgramme) {
			return programme == null || programme.equals(clientsProgramme);
		}
	}

	/** A staff user's ways of being reached: a phone, an e-mail, or both. */
	public record StaffMember(String username, String phone, String email) {

		public StaffMember {
			text(username, "staff.username");
		}
	}

	public static OnCallRota of(long version, ZoneId timezone, List<Shift> shifts, List<StaffMember> staff,
			Instant now) {
		return new OnCallRota(UUID.randomUUID(), now, SCHEMA_VERSION, version, timezone, shifts, staff);
	}

	/**
	 * Who is told at {@code at}, in order: the primary of the shift that covers it (the one that began last, when
	 * shifts overlap), then its fallback. Empty when no shift covers the moment.
	 */
	public List<StaffMember> chainAt(Instant at) {
		return chainAt(at, null, true);
	}

	/**
	 * As {@link #chainAt(Instant)}, for a client of {@code programme}: only the shifts of that programme and those
	 * of every programme.
	 */
	public List<StaffMember> chainAt(Instant at, String programme) {
		return chainAt(at, programme, false);
	}

	private List<StaffMember> chainAt(Instant at, String programme, boolean anyProgramme) {
		Optional<Shift> shift = shifts.stream()
			.filter(candidate -> candidate.covers(at))
			.filter(candidate -> anyProgramme || candidate.coversProgramme(programme))
			.max(Comparator.comparing(Shift::startsAt));
		List<StaffMember> chain = new ArrayList<>();
		shift.ifPresent(now -> {
			member(now.primary()).ifPresent(chain::add);
			if (now.fallback() != null && !now.fallback().equals(now.primary())) {
				member(now.fallback()).ifPresent(chain::add);
			}
		});
		return chain;
	}

	private Optional<StaffMember> member(String username) {
		return staff.stream().filter(member -> member.username().equals(username)).findFirst();
	}

	@Override
	public String key() {
		return KEY;
	}
}
