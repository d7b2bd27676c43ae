package app.lantern.checkin.registry;

import java.util.List;

/** The JSON bodies of the registry API, as they arrive: every field is checked before anything is stored. */
final class RegistryRequests {

	private RegistryRequests() {
	}

	record Enrolment(String displayName, String phone, String email, String timezone, ScheduleBody schedule,
			Integer cravingThreshold, List<String> copingPlan) {
	}

	record ScheduleBody(List<String> dueTimes, Integer graceMinutes, Integer reminderMinutesBefore) {
	}

	record StatusChange(String status) {
	}

	record NewContact(String name, String role, String phone, String email, List<String> channels, Integer tier,
			String timezone, QuietHoursBody quietHours, Boolean anyHour) {
	}

	record QuietHoursBody(String start, String end) {
	}

	record OptIn(String channel) {
	}

	record NewConsent(List<String> alertTypes, String purpose, String expiresOn, String expiryEvent) {
	}
}
