package app.lantern.checkin.registry;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import app.lantern.checkin.web.FieldChecks;
import app.lantern.events.AlertType;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactRole;
import app.lantern.events.Defaults;

/** Turns request bodies into checked values, naming every wrong field at once. */
final class RegistryChecks {

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

	private RegistryChecks() {
	}

	record Schedule(List<LocalTime> dueTimes, int graceMinutes, int reminderMinutesBefore) {
	}

	record Enrolment(String displayName, String phone, String email, ZoneId timezone, Schedule schedule,
			int cravingThreshold, List<String> copingPlan) {
	}

	record Contact(String name, ContactRole role, String phone, String email, Set<ContactChannel> channels, int tier,
			ZoneId timezone, LocalTime quietStart, LocalTime quietEnd, boolean anyHour) {
	}

	record Consent(Set<AlertType> alertTypes, String purpose, LocalDate expiresOn, String expiryEvent) {
	}

	static Enrolment enrolment(RegistryRequests.Enrolment body, LocalDate today) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		checks.require(body.displayName(), "displayName");
		checks.maxLength(body.displayName(), 80, "displayName");
		String phone = checks.require(body.phone(), "phone")
				? checks.parse(body.phone(), PhoneNumbers::e164, "phone", "must be an E.164 number such as +12025550143")
				: null;
		String email = email(checks, body.email(), "email");
		ZoneId zone = checks.require(body.timezone(), "timezone") ? zone(checks, body.timezone(), "timezone") : null;
		Schedule schedule = checks.require(body.schedule(), "schedule") ? schedule(checks, body.schedule(), "schedule.")
				: null;
		int threshold = body.cravingThreshold() == null ? Defaults.CRAVING_THRESHOLD : body.cravingThreshold();
		checks.range(threshold, 0, 10, "cravingThreshold");
		List<String> plan = body.copingPlan() == null ? List.of() : body.copingPlan();
		if (plan.size() > 20) {
			checks.reject("copingPlan", "must have at most 20 steps");
		}
		for (int i = 0; i < plan.size(); i++) {
			if (plan.get(i) == null || plan.get(i).isBlank()) {
				checks.reject("copingPlan[" + i + "]", "must not be blank");
			}
			checks.maxLength(plan.get(i), 300, "copingPlan[" + i + "]");
		}
		checks.throwIfAny();
		return new Enrolment(body.displayName().trim(), phone, email, zone, schedule, threshold,
				plan.stream().map(String::trim).toList());
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
				LocalTime time = checks.parse(body.dueTimes().get(i), value -> LocalTime.parse(value, HH_MM),
						prefix + "dueTimes[" + i + "]", "must be a time HH:mm such as 09:00");
				if (time != null) {
					times.add(time);
				}
				else if (body.dueTimes().get(i) == null) {
					checks.reject(prefix + "dueTimes[" + i + "]", "must be a time HH:mm such as 09:00");
				}
			}
		}
		int grace = body.graceMinutes() == null ? Defaults.GRACE_MINUTES : body.graceMinutes();
		checks.range(grace, 1, 720, prefix + "graceMinutes");
		int reminder = body.reminderMinutesBefore() == null ? Defaults.REMINDER_MINUTES_BEFORE : body.reminderMinutesBefore();
		checks.range(reminder, 0, 720, prefix + "reminderMinutesBefore");
		return new Schedule(times.stream().sorted().distinct().toList(), grace, reminder);
	}

	static ClientStatus status(RegistryRequests.StatusChange body) {
		FieldChecks checks = new FieldChecks();
		ClientStatus status = body == null || body.status() == null ? null
				: checks.parse(body.status(), ClientStatus::valueOf, "status", "must be ACTIVE, PAUSED or DISCHARGED");
		if (status == null && (body == null || body.status() == null)) {
			checks.reject("status", "is required");
		}
		checks.throwIfAny();
		return status;
	}

	static Contact contact(RegistryRequests.NewContact body) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		checks.require(body.name(), "name");
		checks.maxLength(body.name(), 80, "name");
		ContactRole role = checks.require(body.role(), "role") ? checks.parse(body.role(), ContactRole::valueOf, "role",
				"must be one of SPONSOR, FAMILY, FRIEND, COUNSELOR, PEER, OTHER") : null;
		String phone = body.phone() == null || body.phone().isBlank() ? null
				: checks.parse(body.phone(), PhoneNumbers::e164, "phone", "must be an E.164 number such as +12025550143");
		String email = email(checks, body.email(), "email");
		Set<ContactChannel> channels = EnumSet.noneOf(ContactChannel.class);
		if (body.channels() == null || body.channels().isEmpty()) {
			checks.reject("channels", "needs at least one of SMS, EMAIL");
		}
		else {
			for (int i = 0; i < body.channels().size(); i++) {
				ContactChannel channel = checks.parse(body.channels().get(i), ContactChannel::valueOf,
						"channels[" + i + "]", "must be SMS or EMAIL");
				if (channel != null) {
					channels.add(channel);
				}
			}
		}
		if (channels.contains(ContactChannel.SMS) && phone == null && body.phone() == null) {
			checks.reject("phone", "is required for the SMS channel");
		}
		if (channels.contains(ContactChannel.EMAIL) && email == null && body.email() == null) {
			checks.reject("email", "is required for the EMAIL channel");
		}
		int tier = body.tier() == null ? 1 : body.tier();
		checks.range(tier, 1, 3, "tier");
		ZoneId zone = body.timezone() == null ? null : zone(checks, body.timezone(), "timezone");
		LocalTime quietStart = null;
		LocalTime quietEnd = null;
		if (body.quietHours() != null) {
			quietStart = checks.parse(body.quietHours().start(), value -> LocalTime.parse(value, HH_MM),
					"quietHours.start", "must be a time HH:mm");
			quietEnd = checks.parse(body.quietHours().end(), value -> LocalTime.parse(value, HH_MM), "quietHours.end",
					"must be a time HH:mm");
			if (quietStart == null || quietEnd == null) {
				checks.reject("quietHours", "needs both start and end");
			}
		}
		checks.throwIfAny();
		return new Contact(body.name().trim(), role, phone, email, channels, tier, zone, quietStart, quietEnd,
				Boolean.TRUE.equals(body.anyHour()));
	}

	static ContactChannel optIn(RegistryRequests.OptIn body) {
		FieldChecks checks = new FieldChecks();
		if (body == null || body.channel() == null) {
			checks.reject("channel", "is required").throwIfAny();
		}
		ContactChannel channel = checks.parse(body.channel(), ContactChannel::valueOf, "channel", "must be SMS or EMAIL");
		checks.throwIfAny();
		return channel;
	}

	static Consent consent(RegistryRequests.NewConsent body, LocalDate today) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		Set<AlertType> types = new LinkedHashSet<>();
		if (body.alertTypes() == null || body.alertTypes().isEmpty()) {
			checks.reject("alertTypes", "needs at least one alert type");
		}
		else {
			for (int i = 0; i < body.alertTypes().size(); i++) {
				AlertType type = checks.parse(body.alertTypes().get(i), AlertType::valueOf, "alertTypes[" + i + "]",
						"must be one of MISSED_CHECKIN, HIGH_CRAVING, RISING_CRAVING, REPORTED_USE, CRISIS");
				if (type != null) {
					types.add(type);
				}
			}
		}
		checks.require(body.purpose(), "purpose");
		checks.maxLength(body.purpose(), 500, "purpose");
		LocalDate expiresOn = checks.parse(body.expiresOn(), LocalDate::parse, "expiresOn",
				"must be a date such as 2027-01-31");
		if (expiresOn != null && expiresOn.isBefore(today)) {
			checks.reject("expiresOn", "must not be in the past");
		}
		checks.maxLength(body.expiryEvent(), 300, "expiryEvent");
		boolean noEvent = body.expiryEvent() == null || body.expiryEvent().isBlank();
		if (body.expiresOn() == null && noEvent) {
			// 42 CFR 2.31(a)(6): a consent states when it ends, by a date or an event
			checks.reject("expiresOn", "needs an expiry date, or an expiryEvent such as 'discharge from the programme'");
		}
		checks.throwIfAny();
		return new Consent(types, body.purpose().trim(), expiresOn, noEvent ? null : body.expiryEvent().trim());
	}

	private static String email(FieldChecks checks, String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!EMAIL.matcher(value.trim()).matches() || value.length() > 254) {
			checks.reject(field, "must be an e-mail address");
			return null;
		}
		return value.trim();
	}

	private static ZoneId zone(FieldChecks checks, String value, String field) {
		if (!ZoneId.getAvailableZoneIds().contains(value)) {
			checks.reject(field, "must be an IANA time zone such as America/New_York");
			return null;
		}
		return ZoneId.of(value);
	}
}
