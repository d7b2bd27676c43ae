package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.events.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's own recovery plan, kept version by version: written by the client on their private page, or by staff
 * with them (audited). Its coping steps are what a hard day's reply says; the whole plan is what {@code PLAN} texts
 * back. Never disclosed to a contact; erased with the client.
 */
@Service
public class RecoveryPlans {

	/** Who changed a version: the client themselves, on their private page. */
	public static final String CLIENT = "client";

	static final int MOST_ITEMS = 20;

	static final int LONGEST_ITEM = 300;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	RecoveryPlans(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * {@code warningSigns}: warning signs and triggers; {@code copingSteps}: what helps, in order; {@code people}:
	 * whom to call; {@code reasons}: reasons for recovery; {@code crisisSteps}: what to do in a crisis.
	 */
	public record Plan(List<String> warningSigns, List<String> copingSteps, List<Person> people, List<String> reasons,
			List<String> crisisSteps) {

		public Plan {
			warningSigns = warningSigns == null ? List.of() : List.copyOf(warningSigns);
			copingSteps = copingSteps == null ? List.of() : List.copyOf(copingSteps);
			people = people == null ? List.of() : List.copyOf(people);
			reasons = reasons == null ? List.of() : List.copyOf(reasons);
			crisisSteps = crisisSteps == null ? List.of() : List.copyOf(crisisSteps);
		}

		public boolean isEmpty() {
			return warningSigns.isEmpty() && copingSteps.isEmpty() && people.isEmpty() && reasons.isEmpty()
					&& crisisSteps.isEmpty();
		}
	}

	/** {@code phone}: optional. */
	public record Person(String name, String phone) {
	}

	/** One version of the plan: {@code changedBy} is {@link #CLIENT} or a staff user. */
	public record Version(int version, Instant changedAt, String changedBy, Plan plan) {
	}

	/** A mood this low or lower (of 5) makes a hard day. */
	public static final int LOW_MOOD = 2;

	/**
	 * A hard day, answered with the plan's coping steps (by SMS and on the page): a craving at the client's threshold
	 * or above, a low mood, or reported use.
	 */
	public static boolean hardDay(Integer craving, Integer mood, boolean used, int threshold) {
		return (craving != null && craving >= threshold) || (mood != null && mood <= LOW_MOOD) || used;
	}

	/** The plan as it stands; before any version, the coping steps staff wrote at enrolment. */
	public Plan current(UUID clientId) {
		return latest(clientId).map(Version::plan).orElseGet(() -> new Plan(null,
				jdbc.sql("select coping_plan from client where id = ?").param(clientId)
					.query((rs, n) -> ClientRecords.strings(rs.getArray(1))).optional().orElse(List.of()),
				null, null, null));
	}

	public Optional<Version> latest(UUID clientId) {
		return versions(clientId).stream().findFirst();
	}

	/** Every version, the newest first. */
	public List<Version> versions(UUID clientId) {
		return jdbc.sql("select version, changed_at, changed_by, plan::text as plan from recovery_plan "
				+ "where client_id = ? order by version desc")
			.param(clientId)
			.query((rs, n) -> new Version(rs.getInt("version"), rs.getTimestamp("changed_at").toInstant(),
					rs.getString("changed_by"), EventJson.read(rs.getString("plan"), Plan.class)))
			.list();
	}

	/**
	 * Keeps {@code plan} as the next version (checked first, naming each wrong field) and its coping steps as the
	 * client's; a change by staff is audited with who made it, never what it says.
	 */
	@Transactional
	public Version save(UUID clientId, Plan plan, String changedBy, String region) {
		Plan checked = checked(plan, region);
		Instant now = clock.instant();
		jdbc.sql("select id from client where id = ? for update").param(clientId).query(UUID.class).single();
		int version = jdbc.sql("select coalesce(max(version), 0) + 1 from recovery_plan where client_id = ?")
			.param(clientId).query(Integer.class).single();
		jdbc.sql("insert into recovery_plan (client_id, version, plan, changed_at, changed_by) "
				+ "values (?, ?, cast(? as jsonb), ?, ?)")
			.params(clientId, version, EventJson.writeString(checked), Timestamp.from(now), changedBy)
			.update();
		jdbc.sql("update client set coping_plan = ? where id = ?")
			.params(checked.copingSteps().toArray(String[]::new), clientId).update();
		audit.record(clientId, changedBy, CLIENT.equals(changedBy) ? "PLAN_CHANGED_BY_CLIENT" : "PLAN_CHANGED",
				"version " + version, now);
		return new Version(version, now, changedBy, checked);
	}

	private static Plan checked(Plan plan, String region) {
		FieldChecks checks = new FieldChecks();
		if (plan == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		List<String> warning = items(checks, plan.warningSigns(), "warningSigns");
		List<String> coping = items(checks, plan.copingSteps(), "copingSteps");
		List<String> reasons = items(checks, plan.reasons(), "reasons");
		List<String> crisis = items(checks, plan.crisisSteps(), "crisisSteps");
		List<Person> people = new ArrayList<>();
		if (plan.people().size() > 10) {
			checks.reject("people", "must have at most 10 people");
		}
		for (int i = 0; i < plan.people().size() && i < 10; i++) {
			Person person = plan.people().get(i);
			String field = "people[" + i + "]";
			if (person == null || person.name() == null || person.name().isBlank()) {
				checks.reject(field + ".name", "is required");
				continue;
			}
			checks.maxLength(person.name(), 80, field + ".name");
			String phone = person.phone() == null || person.phone().isBlank() ? null
					: checks.parse(person.phone(), raw -> PhoneNumbers.e164(raw, region), field + ".phone",
							PhoneNumbers.PROBLEM);
			people.add(new Person(person.name().strip(), phone));
		}
		checks.throwIfAny();
		return new Plan(warning, coping, people, reasons, crisis);
	}

	private static List<String> items(FieldChecks checks, List<String> items, String field) {
		if (items.size() > MOST_ITEMS) {
			checks.reject(field, "must have at most " + MOST_ITEMS + " items");
			return List.of();
		}
		List<String> kept = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			String item = items.get(i) == null ? "" : items.get(i).strip();
			if (item.length() > LONGEST_ITEM) {
				checks.reject(field + "[" + i + "]", "must be at most " + LONGEST_ITEM + " characters");
			}
			else if (!item.isEmpty()) {
				kept.add(item);
			}
		}
		return kept;
	}
}
