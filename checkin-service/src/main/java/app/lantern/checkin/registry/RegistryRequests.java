package app.lantern.checkin.registry;

import java.util.List;

/**
 * Changes to the registry as they arrive — the API's JSON bodies and the console's forms alike, the one shape
 * both build. The registry checks every field (naming each wrong one) before anything is stored.
 */
public final class RegistryRequests {

	private RegistryRequests() {
	}

	public record Enrolment(String displayName, String phone, String email, String timezone, ScheduleBody schedule,
			Integer cravingThreshold, List<String> copingPlan) {
	}

	public record ScheduleBody(List<String> dueTimes, Integer graceMinutes, Integer reminderMinutesBefore) {
	}

	public record StatusChange(String status) {
	}

	public record NewContact(String name, String role, String phone, String email, List<String> channels, Integer tier,
			String timezone, QuietHoursBody quietHours, Boolean anyHour) {
	}

	public record QuietHoursBody(String start, String end) {
	}

	public record OptIn(String channel) {
	}

	public record NewConsent(List<String> alertTypes, String purpose, String expiresOn, String expiryEvent) {
	}
}
