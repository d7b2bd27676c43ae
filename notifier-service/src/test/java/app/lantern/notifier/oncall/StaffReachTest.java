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
import org.junit.jupiter.api.Test;
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
	 * {@code contacts}: the client's contacts as tier:consented:opted-in (a dash for none), e.g. {@code 1:y:y 2:y:n};
	 * {@code told}: each staff member told, with the ways ({@code ana:SMS}); ana has only a phone, ben only an e-mail.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			a crisis is texted to the person on call at once,                  CRISIS,         1, 1:y:y 2:y:y, ana:SMS
			a crisis no one acknowledged: the person on call's phone rings,    CRISIS,         2, 1:y:y,       ana:VOICE
			a level later the fallback is texted and rung (ben: e-mail only),  CRISIS,         3, 1:y:y,       ben:EMAIL
			a crisis climbing further reaches no one new,                      CRISIS,         4, 1:y:y,       ''
			a client with no contacts: any alert to the person on call,        HIGH_CRAVING,   1, -,           ana:SMS
			no contact may be told (no consent): to the person on call now,    MISSED_CHECKIN, 1, 1:n:y 2:n:y, ana:SMS
			no contact opted in: to the person on call now,                    REPORTED_USE,   1, 1:y:n,       ana:SMS
			contacts at tiers 1 and 2: a level-1 alert is theirs,              HIGH_CRAVING,   1, 1:y:y 2:y:y, ''
			contacts at tiers 1 and 2: level 2 is still theirs,                HIGH_CRAVING,   2, 1:y:y 2:y:y, ''
			past the last contact tier: the person on call,                    HIGH_CRAVING,   3, 1:y:y 2:y:y, ana:SMS
			and a level later the fallback,                                    HIGH_CRAVING,   4, 1:y:y 2:y:y, ben:EMAIL
			only tier 1 can be told (tier 2 has no consent): staff at level 2, MISSED_CHECKIN, 2, 1:y:y 2:n:y, ana:SMS
			""")
	void whoIsTold(String what, AlertType type, int level, String contacts, String expected) {
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", type, Severity.HIGH, level,
				level == 1 ? AlertState.RAISED : AlertState.ESCALATED, "test", NOW, null, NOW);

		assertThat(told(alert, contacts, ROTA, NOW)).isEqualTo(expected);
	}

	/** {@code acknowledgedBy}: who acknowledged the alert before it happened again (a dash: no one). */
	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			a second crisis: the person on call again,                        CRISIS,       1, -,               ana:SMS
			a second crisis after the phone rang: texted again,               CRISIS,       2, -,               'ana:SMS,VOICE'
			a high craving again: the staff member who acknowledged it,       HIGH_CRAVING, 1, staff:ben,       ben:EMAIL
			acknowledged by a contact: no staff told again,                   HIGH_CRAVING, 1, s0,              ''
			acknowledged by someone the rota does not list: no one,           REPORTED_USE, 1, staff:nobody,    ''
			""")
	void whoIsToldOfARepeat(String what, AlertType type, int level, String acknowledgedBy, String expected) {
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", type, Severity.HIGH, level, AlertState.RAISED, "test",
				NOW, null, NOW)
			.acknowledged(acknowledgedBy.equals("-") ? null : acknowledgedBy, "acknowledged", NOW)
			.repeated(Severity.HIGH, "again", UUID.randomUUID(), null, NOW);

		assertThat(told(alert, "1:y:y", ROTA, NOW)).isEqualTo(expected);
	}

	/**
	 * Never nobody: when no one on call can take a crisis (no shift now, or the person on call has no phone or texted
	 * STOP), every staff member of the client's programme with a phone is texted; with none, every ADMIN; and if it
	 * climbs, every ADMIN too. {@code carla} works in the client's programme, {@code dev} in another, {@code eve} is an
	 * ADMIN; {@code dana} (in the programme) texted STOP.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			no shift now: the programme's staff with a phone,             -,        1, carla:SMS
			no shift now and it climbs: every ADMIN,                     -,        2, eve:SMS
			the person on call has no phone: the programme's staff,       noPhone,  1, carla:SMS
			the person on call texted STOP: the programme's staff,        dana,     1, carla:SMS
			""")
	void aCrisisNoOneOnCallCanTakeReachesTheProgrammesStaffThenEveryAdmin(String what, String onCall, int level,
			String expected) {
		List<OnCallRota.Shift> shifts = onCall.equals("-") ? List.of()
				: List.of(new OnCallRota.Shift("now", NOW.minusSeconds(3600), NOW.plusSeconds(3600), onCall, null, null));
		OnCallRota rota = OnCallRota.of(1, ZoneId.of("UTC"), shifts, List.of(
				new OnCallRota.StaffMember("carla", "+12025550103", null, "STAFF", List.of("east"), false),
				new OnCallRota.StaffMember("dana", "+12025550104", null, "STAFF", List.of("east"), true),
				new OnCallRota.StaffMember("dev", "+12025550105", null, "STAFF", List.of("west"), false),
				new OnCallRota.StaffMember("eve", "+12025550106", null, "ADMIN", List.of(), false),
				new OnCallRota.StaffMember("noPhone", null, "np@example.org", "STAFF", List.of("east"), false)), NOW);
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", AlertType.CRISIS, Severity.CRITICAL, level,
				level == 1 ? AlertState.RAISED : AlertState.ESCALATED, "test", NOW, null, NOW);

		assertThat(told(alert, "-", rota, NOW)).isEqualTo(expected);
	}

	/** With no programme staff member who has a phone, a crisis goes to every ADMIN at once. */
	@Test
	void aCrisisInAProgrammeWhoseStaffHaveNoPhoneGoesToEveryAdmin() {
		OnCallRota rota = OnCallRota.of(1, ZoneId.of("UTC"), List.of(), List.of(
				new OnCallRota.StaffMember("carla", null, "c@example.org", "STAFF", List.of("east"), false),
				new OnCallRota.StaffMember("eve", "+12025550106", null, "ADMIN", List.of(), false),
				new OnCallRota.StaffMember("fay", "+12025550107", null, "ADMIN", List.of(), false)), NOW);
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", AlertType.CRISIS, Severity.CRITICAL, 1,
				AlertState.RAISED, "test", NOW, null, NOW);

		assertThat(told(alert, "-", rota, NOW)).isEqualTo("eve:SMS fay:SMS");
	}

	@ParameterizedTest(name = "no shift covers the moment and no one has a phone: {0} reaches no one, counted")
	@CsvSource({ "CRISIS", "HIGH_CRAVING" })
	void nobodyOnCall(AlertType type) {
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", type, Severity.HIGH, 1, AlertState.RAISED, "test",
				NOW, null, NOW);

		assertThat(StaffReach.toTell(alert, profile("-"), ROTA, NOW.plusSeconds(7200))).isEmpty();
		assertThat(StaffReach.needsStaff(alert, profile("-"), NOW)).as("and it is counted").isTrue();
	}

	/**
	 * The client's own worker first, while on a shift: {@code wes} is the client's primary worker, {@code val} their
	 * second; ana is on call (ben her fallback, the shift begun last). {@code working}: who has a day shift now (a dash: no one
	 * else); {@code leave}: wes is on leave, covered by {@code cy} (a dash: no leave).
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(textBlock = """
			the worker on shift is told first,                         HIGH_CRAVING,   1, wes, -,   wes:SMS
			then the person on call,                                   HIGH_CRAVING,   2, wes, -,   ana:SMS
			then the fallback,                                         HIGH_CRAVING,   3, wes, -,   ben:EMAIL
			a worker not on shift is passed over: on call first,       HIGH_CRAVING,   1, -,   -,   ana:SMS
			the primary not on shift: the second who is,               MISSED_CHECKIN, 1, val, -,   val:SMS
			the primary on leave: the colleague covering on shift,     HIGH_CRAVING,   1, cy,  wes, cy:SMS
			the primary on leave and the cover not on shift: on call,  HIGH_CRAVING,   1, wes, wes, ana:SMS
			a crisis reaches the worker on shift and on call at once,  CRISIS,         1, wes, -,   wes:SMS ana:SMS
			a crisis climbing rings the person on call only,           CRISIS,         2, wes, -,   ana:VOICE
			""")
	void theClientsOwnWorkerOnShiftIsToldFirst(String what, AlertType type, int level, String working, String leave,
			String expected) {
		List<OnCallRota.Shift> shifts = new ArrayList<>(List.of(
				new OnCallRota.Shift("on-call", NOW.minusSeconds(3600), NOW.plusSeconds(3600), "ana", "ben")));
		if (!working.equals("-")) {
			shifts.add(new OnCallRota.Shift("day", NOW.minusSeconds(7200), NOW.plusSeconds(7200), working, null, null));
		}
		List<OnCallRota.Leave> leaves = leave.equals("-") ? List.of()
				: List.of(new OnCallRota.Leave(NOW.minusSeconds(86_400), NOW.plusSeconds(86_400), "cy"));
		OnCallRota rota = OnCallRota.of(1, ZoneId.of("UTC"), shifts, List.of(
				new OnCallRota.StaffMember("ana", "+12025550101", null),
				new OnCallRota.StaffMember("ben", null, "ben@example.org"),
				new OnCallRota.StaffMember("wes", "+12025550121", null, "STAFF", List.of("east"), false, leaves),
				new OnCallRota.StaffMember("val", "+12025550122", null, "STAFF", List.of("east"), false),
				new OnCallRota.StaffMember("cy", "+12025550123", null, "STAFF", List.of("east"), false)), NOW);
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), "c-1", type, Severity.HIGH, level,
				level == 1 ? AlertState.RAISED : AlertState.ESCALATED, "test", NOW, null, NOW);
		ClientProfile base = profile("-");
		ClientProfile withWorkers = new ClientProfile(base.eventId(), base.occurredAt(), 1, base.clientId(), 1,
				base.displayName(), base.phone(), base.status(), base.timezone(), base.schedule(), 8, false, NOW, List.of(),
				"east", null, null, null, List.of("wes", "val"));

		assertThat(told(alert, withWorkers, rota, NOW)).isEqualTo(expected);
	}

	private static String told(AlertEvent alert, String contacts, OnCallRota rota, Instant now) {
		return told(alert, profile(contacts), rota, now);
	}

	private static String told(AlertEvent alert, ClientProfile profile, OnCallRota rota, Instant now) {
		return String.join(" ", StaffReach.toTell(alert, profile, rota, now).stream()
			.map(reach -> reach.member().username() + ":" + String.join(",",
					reach.channels().stream().map(Enum::name).sorted().toList()))
			.toList());
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
				ZoneId.of("UTC"), new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, NOW), 8, false, NOW, list,
				"east");
	}
}
