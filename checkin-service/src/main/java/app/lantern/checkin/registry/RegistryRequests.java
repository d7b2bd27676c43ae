package app.lantern.checkin.registry;

import java.util.List;
import java.util.Map;

/**
 * Changes to the registry as they arrive — the API's JSON bodies and the console's forms alike, the one shape
 * both build. The registry checks every field (naming each wrong one) before anything is stored.
 */
public final class RegistryRequests {

	private RegistryRequests() {
	}

	/**
	 * {@code programme}: optional; absent → the default programme (or the staff user's only one). {@code language}:
	 * optional, what the client is written to in (en, es, …); absent → the programme's.
	 */
	public record Enrolment(String displayName, String phone, String email, String timezone, ScheduleBody schedule,
			Integer cravingThreshold, List<String> copingPlan, String programme, String language) {

		public Enrolment(String displayName, String phone, String email, String timezone, ScheduleBody schedule,
				Integer cravingThreshold, List<String> copingPlan) {
			this(displayName, phone, email, timezone, schedule, cravingThreshold, copingPlan, null, null);
		}

		public Enrolment(String displayName, String phone, String email, String timezone, ScheduleBody schedule,
				Integer cravingThreshold, List<String> copingPlan, String programme) {
			this(displayName, phone, email, timezone, schedule, cravingThreshold, copingPlan, programme, null);
		}
	}

	/**
	 * A change to a client's own fields ({@code PATCH /api/clients/{id}}): every field optional, an absent one
	 * unchanged; a blank {@code email} removes it.
	 */
	public record ClientChange(String displayName, String phone, String email, String timezone,
			Integer cravingThreshold, List<String> copingPlan, String language) {

		public ClientChange(String displayName, String phone, String email, String timezone, Integer cravingThreshold,
				List<String> copingPlan) {
			this(displayName, phone, email, timezone, cravingThreshold, copingPlan, null);
		}
	}

	/**
	 * {@code nudgeAtDue}, {@code nudgeMinutesAfter}: optional, the reminder ladder's last nudges to the client (at the
	 * due time; this many minutes into the grace, 0 for none); absent, none. {@code plan}: optional, days whose due
	 * times differ from {@code dueTimes}; absent, the same every day.
	 */
	public record ScheduleBody(List<String> dueTimes, Integer graceMinutes, Integer reminderMinutesBefore,
			Boolean nudgeAtDue, Integer nudgeMinutesAfter, PlanBody plan) {

		public ScheduleBody(List<String> dueTimes, Integer graceMinutes, Integer reminderMinutesBefore) {
			this(dueTimes, graceMinutes, reminderMinutesBefore, null, null);
		}

		public ScheduleBody(List<String> dueTimes, Integer graceMinutes, Integer reminderMinutesBefore,
				Boolean nudgeAtDue, Integer nudgeMinutesAfter) {
			this(dueTimes, graceMinutes, reminderMinutesBefore, nudgeAtDue, nudgeMinutesAfter, null);
		}
	}

	/**
	 * Days whose due times differ. {@code weekdays}: a day of the week (MONDAY or MON, any case) and its own times
	 * instead of the every-day ones, [] for none that day. {@code steps}: a step-down plan, each step for its
	 * {@code days} (0, the last only: for ever) with its {@code dueTimes} on the days {@code on} (absent: every
	 * day), counted from {@code stepsFrom} (the client's date; absent: today). After the last step, the schedule's
	 * own times.
	 */
	public record PlanBody(Map<String, List<String>> weekdays, String stepsFrom, List<StepBody> steps) {
	}

	public record StepBody(Integer days, List<String> dueTimes, List<String> on) {
	}

	/** {@code resumeOn}: optional, with PAUSED only — the client's own date (ISO, as in 2026-12-24) it ends. */
	public record StatusChange(String status, String resumeOn) {

		public StatusChange(String status) {
			this(status, null);
		}
	}

	/** {@code language}: optional, what the contact is written to in (en, es, …); absent → the client's. */
	public record NewContact(String name, String role, String phone, String email, List<String> channels, Integer tier,
			String timezone, QuietHoursBody quietHours, Boolean anyHour, String language) {

		public NewContact(String name, String role, String phone, String email, List<String> channels, Integer tier,
				String timezone, QuietHoursBody quietHours, Boolean anyHour) {
			this(name, role, phone, email, channels, tier, timezone, quietHours, anyHour, null);
		}
	}

	public record QuietHoursBody(String start, String end) {
	}

	public record OptIn(String channel) {
	}

	/**
	 * {@code signature} (optional): {@code PAPER} (the default: the client signed a paper form, which the staff user
	 * recording it saw) or {@code CLIENT_PAGE} (the client signs it on their private page; until then it discloses
	 * nothing).
	 */
	public record NewConsent(List<String> alertTypes, String purpose, String expiresOn, String expiryEvent,
			String signature) {

		public NewConsent(List<String> alertTypes, String purpose, String expiresOn, String expiryEvent) {
			this(alertTypes, purpose, expiresOn, expiryEvent, null);
		}
	}
}
