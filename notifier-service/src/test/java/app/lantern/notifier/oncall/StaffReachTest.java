package app.lantern.notifier.oncall;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactRole;
import app.lantern.events.OnCallRota;
import app.lantern.events.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who on the rota is told of an alert, by its type and level and the client's contacts. */
class StaffReachTest {

	private static final Instant NOW = Instant.parse("2026-11-30T15:00:00Z");

	private static final OnCallRota ROTA = OnCallRota.of(1, ZoneId.of("UTC"),
			List.of(new OnCallRota.Shift("day", NOW.minusSeconds(3600), NOW.plusSeconds(3600), "ana", "ben")),
			List.of(new OnCallRota.StaffMember("ana", "+12025550101", null),
					new OnCallRota.StaffMember("ben", null, "ben@example.org")),
			NOW);

	/**
	 * {@code contacts}: the client's contacts as tier:consented:opted-in (a dash for none), e.g. {@code 1:y:y 2:y:n}.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			a crisis goes to the person on call at once,                       CRISIS,         1, 1:y:y 2:y:y, ana
			a crisis no one acknowledged goes to the fallback,                 CRISIS,         2, 1:y:y,       ben
			a crisis climbing further reaches no one new,                      CRISIS,         3, 1:y:y,       ''
			a client with no contacts: any alert to the person on call,        HIGH_CRAVING,   1, -,           ana
			no contact may be told (no consent): to the person on call now,    MISSED_CHECKIN, 1, 1:n:y 2:n:y, ana
			no contact opted in: to the person on call now,                    REPORTED_USE,   1, 1:y:n,       ana
			contacts at tiers 1 and 2: a level-1 alert is theirs,              HIGH_CRAVING,   1, 1:y:y 2:y:y, ''
			contacts at tiers 1 and 2: level 2 is still theirs,                HIGH_CRAVING,   2, 1:y:y 2:y:y, ''
			past the last contact tier: the person on call,                    HIGH_CRAVING,   3, 1:y:y 2:y:y, ana
			and a level later the fallback,                                    HIGH_CRAVING,   4, 1:y:y 2:y:y, ben
			only tier 1 can be told (tier 2 has no consent): staff at level 2, MISSED_CHECKIN, 2, 1:y:y 2:n:y, ana
			""")
	void whoIsTold(String what, AlertType type, int level, String contacts, String expected) {
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", type, Severity.HIGH, level,
				level == 1 ? AlertState.RAISED : AlertState.ESCALATED, "test", NOW, null, NOW);

		String told = StaffReach.toTell(alert, profile(contacts), ROTA, NOW).map(OnCallRota.StaffMember::username)
			.orElse("");

		assertThat(told).isEqualTo(expected);
	}

	@ParameterizedTest(name = "no shift covers the moment: {0} reaches no one")
	@CsvSource({ "CRISIS", "HIGH_CRAVING" })
	void nobodyOnCall(AlertType type) {
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", type, Severity.HIGH, 1, AlertState.RAISED, "test",
				NOW, null, NOW);

		assertThat(StaffReach.toTell(alert, profile("-"), ROTA, NOW.plusSeconds(7200))).isEmpty();
		assertThat(StaffReach.needsStaff(alert, profile("-"), NOW)).as("and it is counted").isTrue();
	}

	private static ClientProfile profile(String contacts) {
		List<ClientProfile.SupportContact> list = new ArrayList<>();
		if (!contacts.equals("-")) {
			int i = 0;
			for (String one : contacts.split(" ")) {
				String[] parts = one.split(":");
				var consents = parts[1].equals("y") ? List.of(new ClientProfile.Consent("k" + i, Set.of(AlertType.values()),
						"care", NOW.minusSeconds(86_400), null, null, null)) : List.<ClientProfile.Consent>of();
				Set<ContactChannel> confirmed = parts[2].equals("y") ? Set.of(ContactChannel.SMS) : Set.of();
				list.add(new ClientProfile.SupportContact("s" + i++, "Sam", ContactRole.SPONSOR, "+12025550111", null,
						Set.of(ContactChannel.SMS), Integer.parseInt(parts[0]), ZoneId.of("UTC"), null, false, confirmed,
						false, consents));
			}
		}
		return new ClientProfile(UUID.randomUUID(), NOW, 1, "c-1", 1, "Jordan", "+12025550170", ClientStatus.ACTIVE,
				ZoneId.of("UTC"), new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, NOW), 8, false, NOW, list);
	}
}
