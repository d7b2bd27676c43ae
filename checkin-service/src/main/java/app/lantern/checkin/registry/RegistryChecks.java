package app.lantern.checkin.registry;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import app.lantern.checkin.web.FieldChecks;
import app.lantern.events.ClientStatus;
import app.lantern.events.Defaults;
import app.lantern.events.Languages;

/**
 * Turns a client's request bodies (enrolment, schedule, status) into checked values, naming every wrong field
 * at once; the support network's are {@link NetworkChecks}.
 */
final class RegistryChecks {

	private RegistryChecks() {
	}

	/** {@code plan}: null when every day is the same. */
	record Schedule(List<LocalTime> dueTimes, int graceMinutes, int reminderMinutesBefore, boolean nudgeAtDue,
			int nudgeMinutesAfter, PlanChecks.Plan plan) {
	}

	record Enrolment(String displayName, String phone, String email, ZoneId timezone, Schedule schedule,
			int cravingThreshold, List<String> copingPlan, String language) {
	}

	/** A language tag as given, or null when absent; a wrong one is named. */
	static String language(FieldChecks checks, String tag, String field) {
		if (tag == null || tag.isBlank()) {
			return null;
		}
		if (!Languages.valid(tag)) {
			checks.reject(field, "must be a language code such as en or es");
			return null;
		}
		return tag.trim();
	}

	/** A changed client: only what the request names, checked as at enrolment. */
	record Change(String displayName, String phone, String email, boolean emailRemoved, ZoneId timezone,
			Integer cravingThreshold, List<String> copingPlan, String language) {
	}

	static Enrolment enrolment(RegistryRequests.Enrolment body, LocalDate today) {
		return enrolment(body, today, null);
	}

	static Enrolment enrolment(RegistryRequests.Enrolment body, LocalDate today, String region) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		checks.require(body.displayName(), "displayName");
		checks.maxLength(body.displayName(), 80, "displayName");
		String phone = checks.require(body.phone(), "phone")
				? checks.parse(body.phone(), raw -> PhoneNumbers.e164(raw, region), "phone", PhoneNumbers.PROBLEM)
				: null;
		String email = checks.email(body.email(), "email");
		ZoneId zone = checks.require(body.timezone(), "timezone") ? checks.zone(body.timezone(), "timezone") : null;
		Schedule schedule = checks.require(body.schedule(), "schedule") ? schedule(checks, body.schedule(), "schedule.")
				: null;
		int threshold = body.cravingThreshold() == null ? Defaults.CRAVING_THRESHOLD : body.cravingThreshold();
		checks.range(threshold, 0, 10, "cravingThreshold");
		List<String> plan = copingPlan(checks, body.copingPlan() == null ? List.of() : body.copingPlan());
		String language = language(checks, body.language(), "language");
		checks.throwIfAny();
		return new Enrolment(body.displayName().trim(), phone, email, zone, schedule, threshold, plan, language);
	}

	static Change change(RegistryRequests.ClientChange body, String region) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		if (body.displayName() != null) {
			checks.require(body.displayName(), "displayName");
			checks.maxLength(body.displayName(), 80, "displayName");
		}
		String phone = body.phone() == null ? null
				: checks.require(body.phone(), "phone")
						? checks.parse(body.phone(), raw -> PhoneNumbers.e164(raw, region), "phone", PhoneNumbers.PROBLEM)
						: null;
		boolean emailRemoved = body.email() != null && body.email().isBlank();
		String email = emailRemoved ? null : checks.email(body.email(), "email");
		ZoneId zone = body.timezone() == null ? null : checks.zone(body.timezone(), "timezone");
		checks.range(body.cravingThreshold(), 0, 10, "cravingThreshold");
		List<String> plan = body.copingPlan() == null ? null : copingPlan(checks, body.copingPlan());
		String languageOf = language(checks, body.language(), "language");
		checks.throwIfAny();
		return new Change(body.displayName() == null ? null : body.displayName().trim(), phone, email, emailRemoved,
				zone, body.cravingThreshold(), plan, languageOf);
	}

	private static List<String> copingPlan(FieldChecks checks, List<String> plan) {
		if (plan.size() > 20) {
			checks.reject("copingPlan", "must have at most 20 steps");
		}
		for (int i = 0; i < plan.size(); i++) {
			if (plan.get(i) == null || plan.get(i).isBlank()) {
				checks.reject("copingPlan[" + i + "]", "must not be blank");
			}
			checks.maxLength(plan.get(i), 300, "copingPlan[" + i + "]");
		}
		return plan.stream().map(step -> step == null ? "" : step.trim()).toList();
	}

	static Schedule schedule(RegistryRequests.ScheduleBody body) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		Schedule schedule = schedule(checks, body, "");
		checks.throwIfAny();
		return schedule;
	}

	private static Schedule schedule(FieldChecks checks, RegistryRequests.ScheduleBody body, String prefix) {
		List<LocalTime> times = new ArrayList<>();
		if (body.dueTimes() == null || body.dueTimes().isEmpty()) {
			checks.reject(prefix + "dueTimes", "needs at least one time, as in [\"09:00\"]");
		}
		else if (body.dueTimes().size() > 12) {
			checks.reject(prefix + "dueTimes", "must have at most 12 times");
		}
		else {
			for (int i = 0; i < body.dueTimes().size(); i++) {
				LocalTime time = checks.time(body.dueTimes().get(i), prefix + "dueTimes[" + i + "]",
						"must be a time HH:mm or HH:mm:ss, such as 09:00");
				if (time != null) {
					times.add(time);
				}
				else if (body.dueTimes().get(i) == null) {
					checks.reject(prefix + "dueTimes[" + i + "]", "must be a time HH:mm or HH:mm:ss, such as 09:00");
				}
			}
		}
		int grace = body.graceMinutes() == null ? Defaults.GRACE_MINUTES : body.graceMinutes();
		checks.range(grace, 1, 720, prefix + "graceMinutes");
		int reminder = body.reminderMinutesBefore() == null ? Defaults.REMINDER_MINUTES_BEFORE : body.reminderMinutesBefore();
		checks.range(reminder, 0, 720, prefix + "reminderMinutesBefore");
		boolean nudgeAtDue = Boolean.TRUE.equals(body.nudgeAtDue());
		int nudgeAfter = body.nudgeMinutesAfter() == null ? 0 : body.nudgeMinutesAfter();
		if (nudgeAfter < 0 || (nudgeAfter > 0 && nudgeAfter >= grace)) {
			checks.reject(prefix + "nudgeMinutesAfter", "must be 0 (none) or fewer minutes than the grace (" + grace + ")");
		}
		PlanChecks.Plan plan = PlanChecks.plan(checks, body.plan(), times, prefix + "plan.");
		return new Schedule(times.stream().sorted().distinct().toList(), grace, reminder, nudgeAtDue, nudgeAfter, plan);
	}

	record Status(ClientStatus status, LocalDate resumeOn) {
	}

	static Status status(RegistryRequests.StatusChange body, LocalDate today) {
		FieldChecks checks = new FieldChecks();
		ClientStatus status = body == null || body.status() == null ? null
				: checks.parse(body.status(), ClientStatus::valueOf, "status", "must be ACTIVE, PAUSED or DISCHARGED");
		if (status == null && (body == null || body.status() == null)) {
			checks.reject("status", "is required");
		}
		LocalDate resumeOn = body == null || body.resumeOn() == null || body.resumeOn().isBlank() ? null
				: checks.parse(body.resumeOn().trim(), LocalDate::parse, "resumeOn", "must be a date such as 2026-12-24");
		if (resumeOn != null && status != null && status != ClientStatus.PAUSED) {
			checks.reject("resumeOn", "is given only when pausing");
		}
		else if (resumeOn != null && !resumeOn.isAfter(today)) {
			checks.reject("resumeOn", "must be after today");
		}
		checks.throwIfAny();
		return new Status(status, resumeOn);
	}
}
