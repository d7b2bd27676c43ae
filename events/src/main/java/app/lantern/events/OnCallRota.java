package app.lantern.events;

import static app.lantern.events.Invariants.present;
import static app.lantern.events.Invariants.supportedSchema;
import static app.lantern.events.Invariants.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The programme's on-call rota, on {@link Topics#ON_CALL}: tier 3 of the escalation ladder. Staff are not
 * contacts: no Part 2 consent is needed to tell the programme's own staff, and their messages still carry only the
 * minimum necessary. {@code staff} holds every staff member who can be reached (a phone or an e-mail), with their
 * role and programmes; {@code timezone} is the programme's, in which shifts are entered. {@code version} grows with
 * every change: the newest wins.
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

	/**
	 * A staff user's ways of being reached: a phone, an e-mail, or both; {@code role} and {@code programmes} (whose
	 * clients they work with), so that a crisis no one on call can take reaches the programme's staff, then every
	 * ADMIN; {@code smsOptedOut} when their phone texted STOP (absent in rotas written before: false).
	 */
	public record StaffMember(String username, String phone, String email, String role, List<String> programmes,
			boolean smsOptedOut, List<Leave> leaves) {

		/** A staff member with no leave recorded ({@code leaves}: when they are away, and who covers their clients). */
		public StaffMember(String username, String phone, String email, String role, List<String> programmes,
				boolean smsOptedOut) {
			this(username, phone, email, role, programmes, smsOptedOut, null);
		}

		/** A staff member of the rota's shifts, as rotas were written before they listed every staff member. */
		public StaffMember(String username, String phone, String email) {
			this(username, phone, email, null, List.of(), false);
		}

		public StaffMember {
			text(username, "staff.username");
			programmes = programmes == null ? List.of() : List.copyOf(programmes);
			leaves = leaves == null ? List.of() : List.copyOf(leaves);
		}

		/** The colleague covering their clients at {@code at}, while they are on leave. */
		public Optional<String> coveredBy(Instant at) {
			return leaves.stream().filter(leave -> !at.isBefore(leave.from()) && at.isBefore(leave.until()))
				.map(Leave::coveredBy).findFirst();
		}

		/** Whether a text reaches them: a phone that has not texted STOP. */
		public boolean textable() {
			return phone != null && !phone.isBlank() && !smsOptedOut;
		}

		public boolean admin() {
			return "ADMIN".equals(role);
		}

		public boolean worksIn(String programme) {
			return programme != null && programmes.contains(programme);
		}
	}

	/** A worker's leave, [{@code from}, {@code until}): {@code coveredBy} works with their clients meanwhile. */
	public record Leave(Instant from, Instant until, String coveredBy) {

		public Leave {
			present(from, "leaves.from");
			present(until, "leaves.until");
			text(coveredBy, "leaves.coveredBy");
		}
	}

	/**
	 * The client's worker to tell first at {@code at}: the first of {@code workers} (their primary worker, then the
	 * second) — or the colleague covering that one's leave — who is on a shift now and takes texts. Empty when none is.
	 */
	public Optional<StaffMember> workerOnShift(List<String> workers, Instant at) {
		for (String worker : workers) {
			Optional<StaffMember> member = staffMember(worker);
			String working = member.flatMap(who -> who.coveredBy(at)).orElse(worker);
			Optional<StaffMember> present = staffMember(working)
				.filter(who -> onShift(who.username(), at) && who.textable());
			if (present.isPresent()) {
				return present;
			}
		}
		return Optional.empty();
	}

	/** Whether {@code username} is the primary or the fallback of a shift at {@code at}. */
	public boolean onShift(String username, Instant at) {
		return shifts.stream().anyMatch(shift -> shift.covers(at)
				&& (username.equals(shift.primary()) || username.equals(shift.fallback())));
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
	 * of every programme — a shift of the programme's own first, when both cover the moment (the more particular
	 * rota wins, as a team's own on-call outranks the organisation's).
	 */
	public List<StaffMember> chainAt(Instant at, String programme) {
		return chainAt(at, programme, false);
	}

	private List<StaffMember> chainAt(Instant at, String programme, boolean anyProgramme) {
		Optional<Shift> shift = shifts.stream()
			.filter(candidate -> candidate.covers(at))
			.filter(candidate -> anyProgramme || candidate.coversProgramme(programme))
			.max(Comparator.comparing((Shift candidate) -> !anyProgramme && candidate.programme() != null)
				.thenComparing(Shift::startsAt));
		List<StaffMember> chain = new ArrayList<>();
		shift.ifPresent(now -> {
			staffMember(now.primary()).ifPresent(chain::add);
			if (now.fallback() != null && !now.fallback().equals(now.primary())) {
				staffMember(now.fallback()).ifPresent(chain::add);
			}
		});
		return chain;
	}

	/**
	 * Who is told of a crisis that no one on call can take (no shift, or the person on call has no phone or texted
	 * STOP): every staff member of the client's programme whose phone takes texts; when there is none, every ADMIN
	 * whose phone does. Never nobody, as long as one staff member has a phone.
	 */
	public List<StaffMember> everyoneFor(String programme) {
		List<StaffMember> programmeStaff = staff.stream().filter(member -> member.worksIn(programme))
			.filter(StaffMember::textable).toList();
		return programmeStaff.isEmpty() ? admins() : programmeStaff;
	}

	/** Every ADMIN whose phone takes texts. */
	public List<StaffMember> admins() {
		return staff.stream().filter(StaffMember::admin).filter(StaffMember::textable).toList();
	}

	/** A stretch of time no shift covers, for a programme. */
	public record Gap(Instant from, Instant to) {

		public Duration length() {
			return Duration.between(from, to);
		}
	}

	/**
	 * The stretches of [{@code from}, {@code to}) that no shift covers for clients of {@code programme} (its own
	 * shifts and those of every programme), earliest first: when a crisis would find no one on call.
	 */
	public List<Gap> gapsFor(String programme, Instant from, Instant to) {
		List<Shift> covering = shifts.stream().filter(shift -> shift.coversProgramme(programme))
			.filter(shift -> shift.endsAt().isAfter(from) && shift.startsAt().isBefore(to))
			.sorted(Comparator.comparing(Shift::startsAt))
			.toList();
		List<Gap> gaps = new ArrayList<>();
		Instant covered = from;
		for (Shift shift : covering) {
			if (shift.startsAt().isAfter(covered)) {
				gaps.add(new Gap(covered, shift.startsAt()));
			}
			if (shift.endsAt().isAfter(covered)) {
				covered = shift.endsAt();
			}
		}
		if (covered.isBefore(to)) {
			gaps.add(new Gap(covered, to));
		}
		return gaps;
	}

	/** The staff member of this name, as the rota lists them (with their ways of being reached). */
	public Optional<StaffMember> staffMember(String username) {
		return staff.stream().filter(member -> member.username().equals(username)).findFirst();
	}

	@Override
	public String key() {
		return KEY;
	}
}
