package app.lantern.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** One valid instance of every event, for tests. */
final class Samples {

	static final Instant NOW = Instant.parse("2026-03-08T14:05:00Z");

	private Samples() {
	}

	static CheckInReceived checkIn() {
		return CheckInReceived.of(UUID.randomUUID(), "c-1", CheckInChannel.SMS, 7, 3, false, "long day", false, NOW);
	}

	static ClientProfile profile() {
		var consent = new ClientProfile.Consent("k-1", Set.of(AlertType.MISSED_CHECKIN, AlertType.CRISIS),
				"relapse prevention", NOW, LocalDate.parse("2027-03-08"), Instant.parse("2027-03-09T05:00:00Z"), null);
		var contact = new ClientProfile.SupportContact("p-1", "Sam", ContactRole.SPONSOR, "+12025550143",
				"sam@example.org", Set.of(ContactChannel.SMS, ContactChannel.EMAIL), 1, ZoneId.of("America/New_York"),
				new ClientProfile.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)), false,
				Set.of(ContactChannel.SMS), false, List.of(consent));
		return new ClientProfile(UUID.randomUUID(), NOW, 1, "c-1", 4, "Jordan", "+12025550101", ClientStatus.ACTIVE,
				ZoneId.of("America/New_York"),
				new ClientProfile.Schedule(List.of(LocalTime.of(21, 0), LocalTime.of(9, 0)), 60, 30, NOW), 8, false, NOW,
				List.of(contact));
	}

	static AlertEvent alert() {
		return AlertEvent.of(UUID.randomUUID(), "c-1", AlertType.HIGH_CRAVING, Severity.HIGH, 1, AlertState.RAISED,
				"craving at or above threshold", NOW, UUID.randomUUID(), NOW);
	}

	static AlertAction action() {
		return AlertAction.of(UUID.randomUUID(), "c-1", AlertActionType.ACKNOWLEDGE, AlertAction.Actor.STAFF, "admin",
				NOW);
	}

	static ClientMessage message() {
		return new ClientMessage(UUID.randomUUID(), NOW, 1, UUID.randomUUID(), "c-1",
				ClientMessage.Kind.CHECKIN_REMINDER, NOW.plusSeconds(1800));
	}

	static DeliveryEvent delivery() {
		return new DeliveryEvent(UUID.randomUUID(), NOW, 1, UUID.randomUUID(), "c-1", UUID.randomUUID(),
				AlertType.CRISIS, 1, "p-1", ContactChannel.SMS, "k-1", DeliveryStatus.SUPPRESSED,
				SuppressionReason.NOT_OPTED_IN, null, DeliveryKind.ALERT);
	}

	static SmsStatus smsStatus() {
		return new SmsStatus(UUID.randomUUID(), NOW, 1, UUID.randomUUID(), "SM0123", "delivered", null);
	}

	static ContactInvitation invitation() {
		return ContactInvitation.of("c-1", "p-1", ContactChannel.EMAIL, "https://lantern.example.org/contacts/confirm?t=x",
				NOW);
	}

	static ClientMessage appointmentQuestion() {
		return ClientMessage.appointment(UUID.randomUUID(), "c-1", ClientMessage.Kind.APPOINTMENT_QUESTION, "MEETING",
				NOW.minusSeconds(3600), NOW);
	}

	static AttendanceRecorded attendance() {
		return AttendanceRecorded.of("c-1", UUID.randomUUID(), "MEETING", NOW.minusSeconds(3600), false, NOW);
	}

	static List<LanternEvent> all() {
		return List.of(checkIn(), profile(), alert(), action(), message(), delivery(), smsStatus(), invitation(),
				appointmentQuestion(), attendance());
	}
}
