package app.lantern.checkin.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import app.lantern.events.ClientProfile;
import app.lantern.events.DuePlan;

/**
 * A client's record as staff read it through the API. {@code programme} is the programme they belong to;
 * {@code resumeOn} the client's own date a pause ends, if it was given; {@code awayUntil} when the client's own away
 * (AWAY n) ends, while they are away; {@code language} what they are written to in (theirs, or their programme's);
 * a contact's {@code language} theirs, or null for the client's.
 */
public record ClientView(UUID id, String displayName, String phone, String email, String timezone, String status,
		int cravingThreshold, List<String> copingPlan, ScheduleView schedule, List<ContactView> contacts,
		Instant enrolledAt, Instant lastCheckInAt, long profileVersion, String checkinUrl, String programme,
		LocalDate resumeOn, Instant awayUntil, String language) {

	public ClientView withCheckinUrl(String url) {
		return new ClientView(id, displayName, phone, email, timezone, status, cravingThreshold, copingPlan, schedule,
				contacts, enrolledAt, lastCheckInAt, profileVersion, url, programme, resumeOn, awayUntil, language);
	}

	ClientView withContacts(List<ContactView> all) {
		return new ClientView(id, displayName, phone, email, timezone, status, cravingThreshold, copingPlan, schedule,
				all, enrolledAt, lastCheckInAt, profileVersion, checkinUrl, programme, resumeOn, awayUntil, language);
	}

	/**
	 * {@code plan}: days whose due times differ (by weekday, a step-down), null when all are the same;
	 * {@code inWords}: the whole schedule as staff would say it.
	 */
	public record ScheduleView(List<LocalTime> dueTimes, int graceMinutes, int reminderMinutesBefore,
			Instant effectiveFrom, boolean nudgeAtDue, int nudgeMinutesAfter, DuePlan plan, String inWords) {

		ScheduleView(ClientProfile.Schedule schedule) {
			this(schedule.dueTimes(), schedule.graceMinutes(), schedule.reminderMinutesBefore(), schedule.effectiveFrom(),
					schedule.nudgeAtDue(), schedule.nudgeMinutesAfter(), schedule.plan(), ScheduleWords.of(schedule));
		}

		/** The schedule the rules engine keeps. */
		public ClientProfile.Schedule asKept() {
			return new ClientProfile.Schedule(dueTimes, graceMinutes, reminderMinutesBefore, effectiveFrom, nudgeAtDue,
					nudgeMinutesAfter, plan);
		}
	}

	public record ContactView(UUID id, String name, String role, String phone, String email, List<String> channels,
			int tier, String timezone, LocalTime quietStart, LocalTime quietEnd, boolean anyHour,
			Instant smsConfirmedAt, Instant emailConfirmedAt, List<ConsentView> consents, boolean digest,
			String language) {
	}

	/** {@code expiryEvent}: the event that ends it instead of a date, as in "discharge from the programme". */
	/**
	 * {@code signedBy}: {@code PAPER} or {@code CLIENT}; null while it waits for the client's signature (then it is
	 * not active: it discloses nothing).
	 */
	public record ConsentView(UUID id, List<String> alertTypes, String purpose, Instant givenAt, LocalDate expiresOn,
			Instant expiresAt, String recordedBy, Instant revokedAt, String revokedBy, boolean active,
			String expiryEvent, Instant signedAt, String signedBy, String signature) {
	}
}
