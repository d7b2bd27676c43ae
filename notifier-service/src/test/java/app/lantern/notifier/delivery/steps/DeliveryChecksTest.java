package app.lantern.notifier.delivery.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.ContactRole;
import app.lantern.events.DeliveryKind;
import app.lantern.events.Severity;
import app.lantern.events.SuppressionReason;
import app.lantern.notifier.delivery.Claim;
import app.lantern.notifier.delivery.Decision;
import app.lantern.notifier.delivery.Intent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DeliveryChecksTest {

	/** 23:30 in New York. */
	private static final Instant NIGHT = Instant.parse("2026-03-11T03:30:00Z");

	/** 14:00 in New York. */
	private static final Instant DAY = Instant.parse("2026-03-10T18:00:00Z");

	private static final Instant GIVEN = Instant.parse("2026-01-01T00:00:00Z");

	static Stream<Arguments> cases() {
		var all = Set.of(AlertType.values());
		var active = new ClientProfile.Consent("k1", all, "care", GIVEN, null, null, null);
		var crisisOnly = new ClientProfile.Consent("k2", Set.of(AlertType.CRISIS), "care", GIVEN, null, null, null);
		var expired = new ClientProfile.Consent("k3", all, "care", GIVEN, null, GIVEN.plusSeconds(86_400), null);
		var revoked = new ClientProfile.Consent("k4", all, "care", GIVEN, null, null, DAY.minusSeconds(1));
		var future = new ClientProfile.Consent("k5", all, "care", DAY.plusSeconds(3600), null, null, null);
		return Stream.of(
				Arguments.of("consented, opted in, daytime", contact(active, true, false, false), AlertType.HIGH_CRAVING, DAY, null),
				Arguments.of("no consent at all", contact(null, true, false, false), AlertType.HIGH_CRAVING, DAY, SuppressionReason.NO_CONSENT),
				Arguments.of("consent for another type", contact(crisisOnly, true, false, false), AlertType.HIGH_CRAVING, DAY, SuppressionReason.NO_CONSENT),
				Arguments.of("consent covers this type", contact(crisisOnly, true, false, false), AlertType.CRISIS, DAY, null),
				Arguments.of("expired consent", contact(expired, true, false, false), AlertType.HIGH_CRAVING, DAY, SuppressionReason.NO_CONSENT),
				Arguments.of("revoked consent", contact(revoked, true, false, false), AlertType.HIGH_CRAVING, DAY, SuppressionReason.NO_CONSENT),
				Arguments.of("consent not yet given", contact(future, true, false, false), AlertType.HIGH_CRAVING, DAY, SuppressionReason.NO_CONSENT),
				Arguments.of("contact has not opted in", contact(active, false, false, false), AlertType.HIGH_CRAVING, DAY, SuppressionReason.NOT_OPTED_IN),
				Arguments.of("contact texted STOP", contact(active, true, true, false), AlertType.CRISIS, DAY, SuppressionReason.OPTED_OUT),
				Arguments.of("quiet hours defer a high craving", contact(active, true, false, false), AlertType.HIGH_CRAVING, NIGHT, SuppressionReason.QUIET_HOURS_DEFERRED),
				Arguments.of("a crisis goes through quiet hours", contact(active, true, false, false), AlertType.CRISIS, NIGHT, null),
				Arguments.of("any hour goes through quiet hours", contact(active, true, false, true), AlertType.MISSED_CHECKIN, NIGHT, null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void decides(String description, ClientProfile.SupportContact contact, AlertType type, Instant now,
			SuppressionReason expected) {
		Decision decision = DeliveryChecks.decide(alert(type), contact, ContactChannel.SMS, now);

		if (expected == null) {
			assertThat(decision).isInstanceOf(Decision.Send.class);
		}
		else if (expected == SuppressionReason.QUIET_HOURS_DEFERRED) {
			// 23:30 in New York: wait until 07:00 there
			assertThat(decision).isInstanceOfSatisfying(Decision.Defer.class,
					defer -> assertThat(defer.until()).isEqualTo(Instant.parse("2026-03-11T11:00:00Z")));
		}
		else {
			assertThat(decision).isInstanceOfSatisfying(Decision.Suppress.class,
					suppress -> assertThat(suppress.reason()).isEqualTo(expected));
		}
	}

	/** The whole decision for each kind of delivery, by the client's status: a discharged client discloses nothing. */
	@ParameterizedTest(name = "{0} for a {1} client: {2}")
	@CsvSource(nullValues = "send", textBlock = """
			ALERT,      ACTIVE,     send
			ALERT,      PAUSED,     send
			ALERT,      DISCHARGED, CLIENT_INACTIVE
			ALL_CLEAR,  DISCHARGED, CLIENT_INACTIVE
			INVITATION, DISCHARGED, CLIENT_INACTIVE
			REMINDER,   ACTIVE,     send
			REMINDER,   PAUSED,     CLIENT_INACTIVE
			REMINDER,   DISCHARGED, CLIENT_INACTIVE
			WELCOME,    ACTIVE,     send
			WELCOME,    PAUSED,     send
			WELCOME,    DISCHARGED, CLIENT_INACTIVE
			DIGEST,     ACTIVE,     NOT_OPTED_IN
			DIGEST,     DISCHARGED, CLIENT_INACTIVE
			""")
	void aDeliveryIsDecidedByTheClientsStatusFirst(DeliveryKind kind, ClientStatus status,
			SuppressionReason expected) {
		var active = new ClientProfile.Consent("k1", Set.of(AlertType.values()), "care", GIVEN, null, null, null);
		var contact = contact(active, true, false, true);
		var profile = new ClientProfile(UUID.randomUUID(), DAY, 1, "c1", 1, "Jordan", "+12025550110", status,
				ZoneId.of("America/New_York"),
				new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, GIVEN), 8, false, GIVEN, List.of(contact));
		String recipient = kind.toClient() ? "client" : contact.id();
		var claim = new Claim(kind, UUID.randomUUID(), "c1", AlertType.HIGH_CRAVING, 1, "HIGH", recipient,
				ContactChannel.SMS);
		var cause = switch (kind) {
			case ALERT, ALL_CLEAR -> alert(AlertType.HIGH_CRAVING);
			case DIGEST -> alert(AlertType.CHECKED_IN_DIGEST);
			case INVITATION -> ContactInvitation.of("c1", contact.id(), ContactChannel.SMS, null, DAY);
			case REMINDER -> new ClientMessage(UUID.randomUUID(), DAY, 1, UUID.randomUUID(), "c1",
					ClientMessage.Kind.CHECKIN_REMINDER, DAY);
			case WELCOME -> ClientMessage.welcome("c1", "https://lantern.example/c/t", "Lantern", DAY);
		};

		Decision decision = DeliveryChecks.decide(new Intent(claim, profile, cause), DAY);

		assertThat(decision.reasonNotToSendNow()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "tier {0} at level {1} ({2}): {3}")
	@MethodSource("reach")
	void escalationTiersAndCrisis(int tier, int level, AlertType type, boolean inReach) {
		var contact = contact(null, true, false, false);
		var atTier = new ClientProfile.SupportContact(contact.id(), contact.name(), contact.role(), contact.phone(),
				contact.email(), contact.channels(), tier, contact.timezone(), contact.quietHours(), contact.anyHour(),
				contact.confirmedChannels(), contact.smsOptedOut(), contact.consents());
		AlertEvent alert = alert(type).next(AlertState.ESCALATED, Severity.HIGH, level, "escalated", DAY);

		assertThat(DeliveryChecks.inReach(alert, atTier)).isEqualTo(inReach);
	}

	static Stream<Arguments> reach() {
		return Stream.of(Arguments.of(1, 1, AlertType.MISSED_CHECKIN, true), Arguments.of(2, 1, AlertType.MISSED_CHECKIN, false),
				Arguments.of(2, 2, AlertType.MISSED_CHECKIN, true), Arguments.of(3, 2, AlertType.HIGH_CRAVING, false),
				Arguments.of(3, 1, AlertType.CRISIS, true));
	}

	private static AlertEvent alert(AlertType type) {
		return AlertEvent.of(UUID.randomUUID(), "c1", type, Severity.HIGH, 1, AlertState.RAISED, "test", DAY, null, DAY);
	}

	/**
	 * The evening note, to a contact who asked for it: sent under a consent to it; in the contact's quiet hours not
	 * deferred to the morning, as an alert is, but not sent ("checked in today" would be stale by then).
	 */
	@ParameterizedTest(name = "at {0}: {1}")
	@CsvSource({ "2026-03-10T23:00:00Z, send", "2026-03-11T03:30:00Z, suppressed in quiet hours" })
	void theEveningNoteIsSentOrNotAtAll(Instant at, String expected) {
		var consent = new ClientProfile.Consent("k1", Set.of(AlertType.CHECKED_IN_DIGEST), "reassurance", GIVEN, null,
				null, null);
		var plain = contact(consent, true, false, false);
		var asked = new ClientProfile.SupportContact(plain.id(), plain.name(), plain.role(), plain.phone(), null,
				plain.channels(), 1, plain.timezone(), plain.quietHours(), false, plain.confirmedChannels(), false,
				plain.consents(), true);
		var profile = new ClientProfile(UUID.randomUUID(), DAY, 1, "c1", 1, "Jordan", "+12025550110", ClientStatus.ACTIVE,
				ZoneId.of("America/New_York"), new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, GIVEN), 8,
				false, GIVEN, List.of(asked));
		var claim = new Claim(DeliveryKind.DIGEST, UUID.randomUUID(), "c1", AlertType.CHECKED_IN_DIGEST, 1, "LOW",
				asked.id(), ContactChannel.SMS);

		Decision decision = DeliveryChecks.decide(new Intent(claim, profile, alert(AlertType.CHECKED_IN_DIGEST)), at);

		assertThat(decision instanceof Decision.Send ? "send"
				: decision instanceof Decision.Suppress suppress
						&& suppress.reason() == SuppressionReason.QUIET_HOURS_DEFERRED ? "suppressed in quiet hours"
								: decision.toString()).isEqualTo(expected);
	}

	private static ClientProfile.SupportContact contact(ClientProfile.Consent consent, boolean optedIn,
			boolean stopped, boolean anyHour) {
		return new ClientProfile.SupportContact("p1", "Sam", ContactRole.SPONSOR, "+12025550111", null,
				Set.of(ContactChannel.SMS), 1, ZoneId.of("America/New_York"),
				new ClientProfile.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)), anyHour,
				optedIn ? Set.of(ContactChannel.SMS) : Set.of(), stopped, consent == null ? List.of() : List.of(consent));
	}
}
