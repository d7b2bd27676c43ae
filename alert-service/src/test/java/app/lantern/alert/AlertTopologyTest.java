package app.lantern.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import app.lantern.platform.rules.RuleBook;
import app.lantern.alert.engagement.Adherence;
import app.lantern.events.AlertAction;
import app.lantern.events.AlertActionType;
import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.AttendanceRecorded;
import app.lantern.events.CheckInChannel;
import app.lantern.events.CheckInReceived;
import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.testsupport.MutableClock;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/** The rules engine with time in the test's hands: the wall clock is advanced, never waited for. */
class AlertTopologyTest {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** 08:00 in New York (EDT): the 09:00 due time is 13:00Z, its deadline with 60 minutes' grace 14:00Z. */
	private static final Instant MORNING = Instant.parse("2026-03-10T12:00:00Z");

	private static final String CLIENT = "client-1";

	private TopologyTestDriver driver;

	private TestInputTopic<String, String> checkIns;

	private TestInputTopic<String, String> profiles;

	private TestInputTopic<String, String> actions;

	private TestInputTopic<String, String> attendance;

	private TestOutputTopic<String, String> alerts;

	private TestOutputTopic<String, String> messages;

	private Instant now;

	private final MutableClock clock = new MutableClock(MORNING);

	@TempDir
	Path state;

	private long version;

	private void start(Instant at, Duration escalation) {
		start(at, escalation, RuleBook.load(new ClassPathResource("rules.yml")), AlertSettings.Observer.NONE);
	}

	private void start(Instant at, Duration escalation, RuleBook rules, AlertSettings.Observer observer) {
		start(at, settings(rules, escalation).withObserver(observer));
	}

	/** The engine's clock is the test's: it moves only when {@link #advanceTo} moves it with the stream's wall clock. */
	private AlertSettings settings(RuleBook rules, Duration escalation) {
		return AlertSettings.of(rules, escalation, 3, clock);
	}

	private void start(Instant at, AlertSettings settings) {
		clock.set(at);
		StreamsBuilder builder = new StreamsBuilder();
		AlertTopology.build(builder, settings);
		Properties config = new Properties();
		config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
		config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-topology-test");
		// a folder of this test's own: two builds on one machine must not share (and lock) the stores
		config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		driver = new TopologyTestDriver(builder.build(), config, at);
		now = at;
		checkIns = driver.createInputTopic(Topics.CHECKINS, Serdes.String().serializer(), Serdes.String().serializer());
		profiles = driver.createInputTopic(Topics.CLIENT_PROFILES, Serdes.String().serializer(),
				Serdes.String().serializer());
		actions = driver.createInputTopic(Topics.ALERT_ACTIONS, Serdes.String().serializer(), Serdes.String().serializer());
		attendance = driver.createInputTopic(Topics.ATTENDANCE, Serdes.String().serializer(), Serdes.String().serializer());
		alerts = driver.createOutputTopic(Topics.ALERTS, Serdes.String().deserializer(), Serdes.String().deserializer());
		messages = driver.createOutputTopic(Topics.CLIENT_MESSAGES, Serdes.String().deserializer(),
				Serdes.String().deserializer());
	}

	@AfterEach
	void stop() {
		driver.close();
	}

	// --- missed check-ins ----------------------------------------------------------------------------

	@Test
	void missedCheckInIsRaisedAfterGraceCarryingTheDeadline() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");

		advanceTo("2026-03-10T13:59:59Z");
		assertThat(alerts()).isEmpty();
		advanceTo("2026-03-10T14:00:01Z");

		assertThat(alerts()).singleElement().satisfies(alert -> {
			assertThat(alert.type()).isEqualTo(AlertType.MISSED_CHECKIN);
			assertThat(alert.state()).isEqualTo(AlertState.RAISED);
			assertThat(alert.raisedAt()).isEqualTo(Instant.parse("2026-03-10T14:00:00Z"));
		});
	}

	/**
	 * Time is the engine's clock: the stream's wall clock moved two days on finds nothing due while the clock stands
	 * before the deadline, and the clock moved past it raises the miss at the next look, a second of wall time later.
	 */
	@Test
	void theEngineJudgesByItsClockNotByTheStreamsWallClock() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");

		driver.advanceWallClockTime(Duration.ofDays(2));
		assertThat(alerts()).isEmpty();

		clock.set(Instant.parse("2026-03-10T14:00:01Z"));
		driver.advanceWallClockTime(Duration.ofSeconds(1));
		assertThat(alerts()).singleElement().satisfies(alert -> {
			assertThat(alert.type()).isEqualTo(AlertType.MISSED_CHECKIN);
			assertThat(alert.raisedAt()).isEqualTo(Instant.parse("2026-03-10T14:00:00Z"));
		});
	}

	/** The store (and so its changelog topic) keeps what the rules need: no name, number or address. */
	@Test
	void theProfileIsKeptWithoutNamesNumbersOrAddresses() {
		start(MORNING, Duration.ofHours(24));
		var consent = new ClientProfile.Consent("k1", java.util.Set.of(AlertType.CRISIS), "care", now, null, null, null);
		var sponsor = new ClientProfile.SupportContact("s1", "Sam Sponsor", app.lantern.events.ContactRole.SPONSOR,
				"+12025550102", "sam@example.org", java.util.Set.of(app.lantern.events.ContactChannel.SMS), 1, null, null,
				false, java.util.Set.of(app.lantern.events.ContactChannel.SMS), false, List.of(consent));
		profiles.pipeInput(CLIENT, EventJson.writeString(new ClientProfile(UUID.randomUUID(), now, 1, CLIENT, ++version,
				"Jordan", "+12025550101", ClientStatus.ACTIVE, NEW_YORK,
				new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8, false, now, List.of(sponsor))), now);

		ClientProfile kept = driver.<String, ClientProfile>getKeyValueStore(AlertTopology.PROFILES).get(CLIENT);

		assertThat(EventJson.writeString(kept)).doesNotContain("Jordan", "Sam", "+1202555", "example.org");
		assertThat(kept.contacts()).singleElement().satisfies(contact -> {
			assertThat(contact.tier()).isEqualTo(1);
			assertThat(contact.consents()).containsExactly(consent);
		});
		assertThat(kept.schedule().dueTimes()).containsExactly(LocalTime.of(9, 0));
	}

	/**
	 * A burst of deadlines is worked off in slices no longer than the longest scan (here: no time at all, so
	 * one chunk of timers a slice); the records that came meanwhile — a crisis — are judged between two
	 * slices, and the rest of the burst goes on at the stream thread's next turn, not a whole interval later.
	 */
	@Test
	void aBurstOfDeadlinesIsWorkedInSlicesWithACrisisJudgedBetweenThem() {
		start(MORNING, settings(RuleBook.load(new ClassPathResource("rules.yml")), Duration.ofHours(24))
			.withMaxScanTime(Duration.ZERO));
		int burst = 200;
		var noReminder = new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 0, now);
		for (int i = 0; i < burst; i++) {
			profiles.pipeInput("due-" + i, EventJson.writeString(new ClientProfile(UUID.randomUUID(), now, 1, "due-" + i,
					1, "Jordan", "+12025550101", ClientStatus.ACTIVE, NEW_YORK, noReminder, 8, false, now, List.of())),
					now);
		}

		advanceTo("2026-03-10T14:00:01Z");
		List<AlertEvent> firstSlice = alerts();
		checkIns.pipeInput("in-crisis", EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), "in-crisis",
				CheckInChannel.SMS, null, null, false, null, true, now)), now);

		assertThat(firstSlice).hasSizeBetween(1, burst - 1)
			.allSatisfy(alert -> assertThat(alert.type()).isEqualTo(AlertType.MISSED_CHECKIN));
		assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.type()).isEqualTo(AlertType.CRISIS));

		List<AlertEvent> missed = new java.util.ArrayList<>(firstSlice);
		for (int turn = 0; turn < 10 && missed.size() < burst; turn++) {
			driver.advanceWallClockTime(Duration.ofMillis(10)); // well inside the one-second interval
			missed.addAll(alerts());
		}
		assertThat(missed).extracting(AlertEvent::clientId).doesNotHaveDuplicates().hasSize(burst);
	}

	/** A watch written before watches kept their schedule still fires, from the profile, and keeps it from then on. */
	@Test
	void aWatchWithoutItsScheduleFallsBackToTheProfile() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		var watches = driver.<String, app.lantern.alert.time.Watch>getKeyValueStore(AlertTopology.WATCHES);
		var kept = watches.get(CLIENT);
		assertThat(kept.schedule()).isNotNull();
		watches.put(CLIENT, new app.lantern.alert.time.Watch(CLIENT, kept.due(), kept.windowStart(), kept.deadline(),
				kept.reminderAt(), false, 0, null, null, null, null));

		advanceTo("2026-03-10T14:00:01Z");

		assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.type()).isEqualTo(AlertType.MISSED_CHECKIN));
		assertThat(watches.get(CLIENT).deadline()).isEqualTo(Instant.parse("2026-03-11T14:00:00Z"));
		assertThat(watches.get(CLIENT).schedule()).isEqualTo(kept.schedule());
		assertThat(watches.get(CLIENT).timezone()).isEqualTo(NEW_YORK);
	}

	// --- the reminder ladder ---------------------------------------------------------------------------

	/**
	 * 09:00 with an hour's grace, a reminder 30 minutes before and the ladder's nudges at the due time and 20
	 * minutes into the grace: reminder, nudge, nudge, in that order, each at its time; then, only after the whole
	 * ladder, the missed check-in for the contacts.
	 */
	@Test
	void theLaddersNudgesComeInOrderBeforeAnyoneIsTold() {
		start(MORNING, Duration.ofHours(24));
		profiles.pipeInput(CLIENT, EventJson.writeString(withLadder()), now);

		advanceTo("2026-03-10T12:30:01Z");
		assertThat(messages()).extracting(ClientMessage::kind).containsExactly(ClientMessage.Kind.CHECKIN_REMINDER);
		advanceTo("2026-03-10T13:00:01Z");
		assertThat(messages()).extracting(ClientMessage::kind).containsExactly(ClientMessage.Kind.CHECKIN_NUDGE);
		advanceTo("2026-03-10T13:20:01Z");
		assertThat(messages()).extracting(ClientMessage::kind).containsExactly(ClientMessage.Kind.CHECKIN_NUDGE);
		assertThat(alerts()).as("no one is told before the ladder is over").isEmpty();

		advanceTo("2026-03-10T14:00:01Z");
		assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.type()).isEqualTo(AlertType.MISSED_CHECKIN));
	}

	/** A check-in after the first nudge: the ladder stops there (each nudge is decided at its own time). */
	@Test
	void aCheckInStopsTheLadder() {
		start(MORNING, Duration.ofHours(24));
		profiles.pipeInput(CLIENT, EventJson.writeString(withLadder()), now);
		advanceTo("2026-03-10T12:30:01Z");
		advanceTo("2026-03-10T13:00:01Z");
		assertThat(messages()).extracting(ClientMessage::kind)
			.containsExactly(ClientMessage.Kind.CHECKIN_REMINDER, ClientMessage.Kind.CHECKIN_NUDGE);

		advanceTo("2026-03-10T13:05:00Z");
		checkIn(3);
		advanceTo("2026-03-10T14:30:00Z");

		assertThat(messages()).isEmpty();
		assertThat(alerts()).isEmpty();
	}

	private ClientProfile withLadder() {
		ClientProfile plain = profile(NEW_YORK, ClientStatus.ACTIVE, false, "09:00");
		return new ClientProfile(plain.eventId(), now, 1, CLIENT, plain.version(), plain.displayName(), plain.phone(),
				ClientStatus.ACTIVE, NEW_YORK, new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now, true,
						20),
				8, false, plain.enrolledAt(), List.of());
	}

	// --- the client's own away (AWAY n) ----------------------------------------------------------------

	/**
	 * AWAY 2 sent on the morning of the 10th: staff are told at once (an AWAY notice, LOW, which climbs no ladder),
	 * the due times of the 10th and 11th are missed and raise nothing (and no reminder goes), a crisis meanwhile
	 * alerts as ever, the notice is resolved when the away ends, and the due time after it is missed as usual.
	 */
	@Test
	void anAwayHoldsTheMissedCheckInsTellsStaffAndEndsByItself() {
		start(MORNING, Duration.ofMinutes(30));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		Instant until = MORNING.plus(Duration.ofDays(2));
		profiles.pipeInput(CLIENT, EventJson.writeString(away(until)), now);

		assertThat(alerts()).singleElement().satisfies(notice -> {
			assertThat(notice.type()).isEqualTo(AlertType.AWAY);
			assertThat(notice.severity()).isEqualTo(Severity.LOW);
			assertThat(notice.state()).isEqualTo(AlertState.RAISED);
		});

		advanceTo("2026-03-11T13:30:00Z");
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT,
				CheckInChannel.SMS, null, null, false, null, true, now)), now);
		assertThat(alerts()).as("the 10th missed while away: nothing, and no step up the ladder; a crisis as ever")
			.singleElement().satisfies(alert -> assertThat(alert.type()).isEqualTo(AlertType.CRISIS));

		advanceTo("2026-03-11T20:00:00Z");
		assertThat(alerts()).filteredOn(alert -> alert.type() != AlertType.CRISIS).isEmpty();
		assertThat(messages()).as("no reminders while away").isEmpty();

		advanceTo("2026-03-12T12:00:01Z");
		assertThat(alerts()).filteredOn(alert -> alert.type() == AlertType.AWAY).singleElement()
			.satisfies(notice -> assertThat(notice.state()).isEqualTo(AlertState.RESOLVED));

		advanceTo("2026-03-12T14:00:01Z");
		assertThat(alerts()).filteredOn(alert -> alert.type() == AlertType.MISSED_CHECKIN).singleElement()
			.satisfies(missed -> {
				assertThat(missed.raisedAt()).isEqualTo(Instant.parse("2026-03-12T14:00:00Z"));
				assertThat(missed.level()).as("the misses while away do not count").isEqualTo(1);
			});
	}

	/** Staff (or the client's BACK) end the away: the notice is resolved and the next miss raises as usual. */
	@Test
	void anAwayEndedEarlyResolvesTheNoticeAndMissesCountAgain() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		profiles.pipeInput(CLIENT, EventJson.writeString(away(MORNING.plus(Duration.ofDays(3)))), now);
		alerts();

		profiles.pipeInput(CLIENT, EventJson.writeString(away(null)), now);
		assertThat(alerts()).singleElement().satisfies(notice -> {
			assertThat(notice.type()).isEqualTo(AlertType.AWAY);
			assertThat(notice.state()).isEqualTo(AlertState.RESOLVED);
		});

		advanceTo("2026-03-10T14:00:01Z");
		assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.type()).isEqualTo(AlertType.MISSED_CHECKIN));
	}

	private ClientProfile away(Instant until) {
		ClientProfile profile = profile(NEW_YORK, ClientStatus.ACTIVE, false, "09:00");
		return new ClientProfile(profile.eventId(), profile.occurredAt(), 1, CLIENT, profile.version(),
				profile.displayName(), profile.phone(), profile.status(), profile.timezone(), held().schedule(),
				profile.cravingThreshold(), false, profile.enrolledAt(), List.of(), null, until);
	}

	/** The profile the engine holds (its schedule unchanged, so the watch is kept). */
	private ClientProfile held() {
		return driver.<String, ClientProfile>getKeyValueStore(AlertTopology.PROFILES).get(CLIENT);
	}

	// --- disengagement ---------------------------------------------------------------------------------

	/**
	 * Four weeks of every check-in kept, then one in two missed: DISENGAGING is raised (MEDIUM, for staff, with the
	 * figures and no personal data) before two misses come in a row, climbs no ladder, and is resolved once the
	 * client's due times are back to their usual (within three weeks of one a day kept).
	 */
	@Test
	void aDropBelowTheClientsOwnUsualRaisesDisengagingAndItsRecoveryResolvesIt() {
		start(MORNING, Duration.ofMinutes(30));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		List<AlertEvent> raised = new java.util.ArrayList<>();
		for (int day = 0; day < 28; day++) {
			raised.addAll(day(day, true));
		}
		assertThat(raised).isEmpty();

		int day = 28;
		while (raised.stream().noneMatch(alert -> alert.type() == AlertType.DISENGAGING) && day < 40) {
			raised.addAll(day(day, day % 2 == 1));
			day++;
		}

		assertThat(raised).filteredOn(alert -> alert.type() == AlertType.DISENGAGING).singleElement().satisfies(alert -> {
			assertThat(alert.state()).isEqualTo(AlertState.RAISED);
			assertThat(alert.severity()).isEqualTo(Severity.MEDIUM);
			assertThat(alert.reason()).contains("kept 3 of 7 due times", "against 26 of 28 before (93 %)")
				.doesNotContain("Jordan");
		});
		// misses one day in two: never two in a row, so the missed check-in never climbed
		assertThat(raised).filteredOn(alert -> alert.type() == AlertType.MISSED_CHECKIN)
			.allSatisfy(alert -> assertThat(alert.level()).isEqualTo(1));

		List<AlertEvent> after = new java.util.ArrayList<>();
		for (int back = 0; back < 21; back++) {
			after.addAll(day(day + back, true));
		}
		assertThat(after).filteredOn(alert -> alert.type() == AlertType.DISENGAGING)
			.extracting(AlertEvent::state)
			.as("no step up the ladder while open, then resolved")
			.containsExactly(AlertState.RESOLVED);
	}

	/** Staff resolve the warning (they have looked into it): the next miss does not raise it again at once. */
	@Test
	void aWarningStaffResolveStartsTheEvidenceAfresh() {
		start(MORNING, Duration.ofMinutes(30));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		for (int day = 0; day < 28; day++) {
			day(day, true);
		}
		List<AlertEvent> raised = new java.util.ArrayList<>();
		int day = 28;
		while (raised.stream().noneMatch(alert -> alert.type() == AlertType.DISENGAGING) && day < 40) {
			raised.addAll(day(day, day % 2 == 1));
			day++;
		}
		AlertEvent warning = raised.stream().filter(alert -> alert.type() == AlertType.DISENGAGING).findFirst().orElseThrow();

		actions.pipeInput(CLIENT, EventJson.writeString(AlertAction.of(warning.alertId(), CLIENT, AlertActionType.RESOLVE,
				AlertAction.Actor.STAFF, "case-manager", now)), now);
		assertThat(alerts()).extracting(AlertEvent::state).containsExactly(AlertState.RESOLVED);

		assertThat(day(day, false)).as("a miss the day after")
			.noneMatch(alert -> alert.type() == AlertType.DISENGAGING);
	}

	/**
	 * Four weeks of every check-in kept and every evening's meeting made, then the same drift (one due time in two
	 * missed): a client who now also answers that they missed the day's meeting is warned days sooner than one who
	 * still makes them. A client who makes their meetings gathers no evidence from them.
	 */
	@Test
	void missedAppointmentsAreEvidenceOfADriftAndBringTheWarningSooner() {
		int makingMeetings = daysToWarning(false);
		driver.close();
		int missingMeetings = daysToWarning(true);

		assertThat(missingMeetings).as("days into the drift").isLessThan(makingMeetings).isLessThanOrEqualTo(7);
		assertThat(driver.<String, Adherence>getKeyValueStore(AlertTopology.ADHERENCE)
			.get(CLIENT).evidence()).isPositive();
	}

	@Test
	void appointmentsMadeGatherNoEvidence() {
		start(MORNING, Duration.ofMinutes(30));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		for (int day = 0; day < 28; day++) {
			day(day, true);
			meeting(day, true);
		}
		assertThat(alerts()).isEmpty();
		assertThat(driver.<String, Adherence>getKeyValueStore(AlertTopology.ADHERENCE)
			.get(CLIENT).evidence()).isZero();
	}

	/**
	 * The day of the drift (counted from its start) on which DISENGAGING was raised, its meetings missed or made; 21
	 * when it was not in three weeks.
	 */
	private int daysToWarning(boolean meetingsMissed) {
		start(MORNING, Duration.ofMinutes(30));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		for (int day = 0; day < 28; day++) {
			day(day, true);
			meeting(day, true);
		}
		List<AlertEvent> raised = new java.util.ArrayList<>();
		int day = 28;
		while (raised.stream().noneMatch(alert -> alert.type() == AlertType.DISENGAGING) && day < 28 + 21) {
			raised.addAll(day(day, day % 2 == 1));
			raised.addAll(meeting(day, !meetingsMissed));
			day++;
		}
		return day - 28;
	}

	/** The client's answer, at 21:00 New York, about that day's 19:00 meeting. */
	private List<AlertEvent> meeting(int day, boolean attended) {
		Instant starts = Instant.parse("2026-03-10T23:00:00Z").plus(Duration.ofDays(day));
		Instant answered = starts.plus(Duration.ofHours(2));
		advanceTo(answered.toString());
		attendance.pipeInput(CLIENT, EventJson.writeString(AttendanceRecorded.of(CLIENT, MEETING, "MEETING", starts,
				attended, answered)), answered);
		return alerts();
	}

	private static final UUID MEETING = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	/** One day of the 09:00 due time (13:00Z–14:00Z in March): kept at 09:10, or not; the alerts that day. */
	private List<AlertEvent> day(int day, boolean kept) {
		Instant due = Instant.parse("2026-03-10T13:00:00Z").plus(Duration.ofDays(day));
		if (kept) {
			Instant at = due.plus(Duration.ofMinutes(10));
			checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT,
					CheckInChannel.SMS, 2, null, false, null, false, at)), at);
		}
		advanceTo(due.plus(Duration.ofMinutes(61)).toString());
		return alerts();
	}

	@Test
	void anOnTimeCheckInRaisesNothing() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");

		advanceTo("2026-03-10T12:50:00Z");
		checkIn(3);
		advanceTo("2026-03-10T14:30:00Z");

		assertThat(alerts()).isEmpty();
	}

	@Test
	void aLateCheckInWithinGraceRaisesNothing() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");

		advanceTo("2026-03-10T13:45:00Z");
		checkIn(3);
		advanceTo("2026-03-10T14:30:00Z");

		assertThat(alerts()).isEmpty();
	}

	@Test
	void twoMissesInARowRaiseTheLevel() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00", "21:00");

		advanceTo("2026-03-10T14:00:01Z");
		advanceTo("2026-03-11T02:00:01Z");

		assertThat(alerts()).extracting(AlertEvent::state, AlertEvent::level, AlertEvent::severity).containsExactly(
				org.assertj.core.groups.Tuple.tuple(AlertState.RAISED, 1, Severity.MEDIUM),
				org.assertj.core.groups.Tuple.tuple(AlertState.ESCALATED, 2, Severity.HIGH));
	}

	@Test
	void theNextCheckInResolvesAMissedCheckIn() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		advanceTo("2026-03-10T14:00:01Z");
		AlertEvent missed = alerts().get(0);

		advanceTo("2026-03-10T16:00:00Z");
		checkIn(2);

		assertThat(alerts()).singleElement().satisfies(resolved -> {
			assertThat(resolved.alertId()).isEqualTo(missed.alertId());
			assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
			assertThat(resolved.reason()).isEqualTo("the client checked in");
		});
	}

	/** What ends a miss decides whether those who were told may hear "all clear". */
	@ParameterizedTest(name = "a check-in with craving {0}, used {1}, crisis {2} -> all clear {3}")
	@CsvSource(textBlock = """
			2, false, false, true
			9, false, false, false
			3, true,  false, false
			3, false, true,  false
			""")
	void theCheckInThatEndsAMissIsAllClearOnlyWhenItRaisesNothing(int craving, boolean used, boolean crisis,
			boolean allClear) {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		advanceTo("2026-03-10T14:00:01Z");
		AlertEvent missed = alerts().get(0);

		advanceTo("2026-03-10T16:00:00Z");
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT,
				CheckInChannel.SMS, craving, null, used, null, crisis, now)), now);

		assertThat(alerts()).filteredOn(alert -> alert.alertId().equals(missed.alertId())).singleElement()
			.satisfies(resolved -> {
				assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
				assertThat(resolved.saysAllClear()).isEqualTo(allClear);
			});
	}

	@Test
	void staffResolvingAMissIsNeverAllClear() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		advanceTo("2026-03-10T14:00:01Z");
		AlertEvent missed = alerts().get(0);

		actions.pipeInput(CLIENT, EventJson.writeString(AlertAction.of(missed.alertId(), CLIENT, AlertActionType.RESOLVE,
				AlertAction.Actor.STAFF, "case-manager", now)), now);

		assertThat(alerts()).singleElement().satisfies(resolved -> {
			assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
			assertThat(resolved.saysAllClear()).isFalse();
		});
	}

	@Test
	void aDischargedClientRaisesNothing() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.DISCHARGED, "09:00");

		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT,
				CheckInChannel.SMS, 9, null, true, null, true, now)), now);
		advanceTo("2026-03-11T20:00:00Z");

		assertThat(alerts()).isEmpty();
	}

	@Test
	void aPausedClientsOpenAlertStopsEscalating() {
		start(MORNING, Duration.ofMinutes(30));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		checkIn(9);
		assertThat(alerts()).extracting(AlertEvent::type).containsExactly(AlertType.HIGH_CRAVING);

		profile(NEW_YORK, ClientStatus.PAUSED, "09:00");
		advanceTo("2026-03-10T15:00:00Z");

		assertThat(alerts()).as("no tier is told while the client is inpatient").isEmpty();
	}

	@Test
	void aDueTimeBeforeEnrolmentIsNeverMissed() {
		start(Instant.parse("2026-03-10T13:30:00Z"), Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");

		advanceTo("2026-03-10T20:00:00Z");

		assertThat(alerts()).isEmpty();
	}

	@Test
	void aScheduleChangeMidWindowMovesTheDeadline() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		advanceTo("2026-03-10T13:30:00Z");
		profile(NEW_YORK, ClientStatus.ACTIVE, "15:00");

		advanceTo("2026-03-10T19:59:00Z");
		assertThat(alerts()).as("the old 09:00 deadline no longer counts").isEmpty();
		advanceTo("2026-03-10T20:00:01Z");
		assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.raisedAt())
			.isEqualTo(Instant.parse("2026-03-10T20:00:00Z")));
	}

	@Test
	void aPausedClientRaisesNoMissedCheckInsAndGetsNoReminders() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		profile(NEW_YORK, ClientStatus.PAUSED, "09:00");

		advanceTo("2026-03-11T20:00:00Z");

		assertThat(alerts()).isEmpty();
		assertThat(messages.isEmpty()).isTrue();
	}

	/** The deadline of a due time in a DST gap or overlap, in New York and in London. */
	@ParameterizedTest(name = "{0}: due {2} local from {3}, deadline {4}")
	@CsvSource(textBlock = """
			# 02:30 does not exist in New York on 2026-03-08: due 03:30 EDT (07:30Z), deadline 08:30Z
			spring-forward gap moves the due time forward, America/New_York, 02:30, 2026-03-08T04:00:00Z, 2026-03-08T08:30:00Z
			# 01:30 does not exist in London on 2026-03-29: due 02:30 BST (01:30Z), deadline 02:30Z
			spring-forward gap moves the due time forward, Europe/London,    01:30, 2026-03-28T22:00:00Z, 2026-03-29T02:30:00Z
			# 01:30 happens twice in New York on 2026-11-01: the first (EDT, 05:30Z) counts; deadline 06:30Z
			fall-back overlap takes the earlier instant,   America/New_York, 01:30, 2026-11-01T03:00:00Z, 2026-11-01T06:30:00Z
			# 01:30 happens twice in London on 2026-10-25: the first (BST, 00:30Z) counts; deadline 01:30Z
			fall-back overlap takes the earlier instant,   Europe/London,    01:30, 2026-10-24T22:00:00Z, 2026-10-25T01:30:00Z
			""")
	void aDueTimeAcrossDaylightSavingIsMissedAtItsOwnDeadline(String what, ZoneId zone, String dueTime, Instant start,
			Instant deadline) {
		start(start, Duration.ofHours(24));
		profile(zone, ClientStatus.ACTIVE, dueTime);

		advanceTo(deadline.minusSeconds(60).toString());
		assertThat(alerts()).isEmpty();
		advanceTo(deadline.plusSeconds(1).toString());
		assertThat(alerts()).singleElement().satisfies(alert -> assertThat(alert.raisedAt()).isEqualTo(deadline));
	}

	// --- reminders -----------------------------------------------------------------------------------

	@Test
	void aReminderGoesAtTheLeadTime() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00", "21:00");

		advanceTo("2026-03-10T12:30:01Z");
		assertThat(messages()).singleElement().satisfies(message -> {
			assertThat(message.kind()).isEqualTo(ClientMessage.Kind.CHECKIN_REMINDER);
			assertThat(message.dueAt()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
		});
		advanceTo("2026-03-10T13:10:00Z");
		checkIn(2);
		advanceTo("2026-03-11T00:30:01Z");
		assertThat(messages()).singleElement().satisfies(message -> assertThat(message.dueAt())
			.isEqualTo(Instant.parse("2026-03-11T01:00:00Z")));
	}

	@Test
	void noReminderWhenTheClientAlreadyCheckedInForThatDueTime() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00", "21:00");
		advanceTo("2026-03-10T14:00:01Z");
		messages();

		// after the 09:00 deadline, a check-in counts for 21:00: its reminder is not needed
		checkIn(2);
		advanceTo("2026-03-11T00:30:01Z");

		assertThat(messages()).isEmpty();
	}

	@Test
	void noReminderForAnOptedOutClient() {
		start(MORNING, Duration.ofHours(24));
		profiles.pipeInput(CLIENT, EventJson.writeString(profile(NEW_YORK, ClientStatus.ACTIVE, true, "09:00")), now);

		advanceTo("2026-03-10T12:30:01Z");

		assertThat(messages.isEmpty()).isTrue();
	}

	// --- escalation ----------------------------------------------------------------------------------

	@Test
	void anUnacknowledgedAlertEscalatesUntilAcknowledged() {
		start(MORNING, Duration.ofMinutes(30));
		checkIn(9);
		AlertEvent raised = alerts().get(0);

		advanceTo("2026-03-10T12:30:01Z");
		assertThat(alerts()).singleElement().satisfies(escalated -> {
			assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
			assertThat(escalated.level()).isEqualTo(2);
		});
		actions.pipeInput(CLIENT, EventJson.writeString(AlertAction.of(raised.alertId(), CLIENT,
				AlertActionType.ACKNOWLEDGE, AlertAction.Actor.CONTACT, "contact-1", now)), now);
		assertThat(alerts()).extracting(AlertEvent::state).containsExactly(AlertState.ACKNOWLEDGED);

		advanceTo("2026-03-10T15:00:00Z");
		assertThat(alerts()).as("acknowledged: the ladder stops").isEmpty();
	}

	/** The client's programme sets its own timeout for a kind of alert (in their profile): that one climbs on it. */
	@Test
	void aProgrammesOwnTimeoutForAKindOfAlertIsTheOneItClimbsOn() {
		start(MORNING, Duration.ofMinutes(30));
		ClientProfile own = profile(NEW_YORK, ClientStatus.ACTIVE, false, "09:00");
		profiles.pipeInput(CLIENT, EventJson.writeString(new ClientProfile(own.eventId(), own.occurredAt(),
				own.schemaVersion(), own.clientId(), own.version(), own.displayName(), own.phone(), own.status(),
				own.timezone(), own.schedule(), own.cravingThreshold(), own.smsOptedOut(), own.enrolledAt(),
				own.contacts(), "riverside", null, null, Map.of(AlertType.HIGH_CRAVING, 10))), now);
		checkIn(9);
		assertThat(alerts()).extracting(AlertEvent::type).containsExactly(AlertType.HIGH_CRAVING);

		advanceTo("2026-03-10T12:10:01Z");
		assertThat(alerts()).singleElement().satisfies(escalated -> {
			assertThat(escalated.level()).isEqualTo(2);
			assertThat(escalated.reason()).isEqualTo("not acknowledged within 10 minutes");
		});
	}

	/**
	 * The client's programme keeps its own rules file (in their profile): its rules judge the client's check-ins in
	 * place of the deployment's — and words of crisis raise a crisis whatever the file says.
	 */
	@Test
	void aProgrammesOwnRulesJudgeItsClientsAndACrisisIsRaisedWhateverTheySay() {
		start(MORNING, Duration.ofMinutes(30));
		ClientProfile own = profile(NEW_YORK, ClientStatus.ACTIVE, false, "09:00");
		String rules = """
				rules:
				  - id: very-low-mood
				    type: HIGH_CRAVING
				    severity: MEDIUM
				    condition: "programme == 'riverside' and mood != null and mood <= 1"
				""";
		profiles.pipeInput(CLIENT, EventJson.writeString(new ClientProfile(own.eventId(), own.occurredAt(),
				own.schemaVersion(), own.clientId(), own.version(), own.displayName(), own.phone(), own.status(),
				own.timezone(), own.schedule(), own.cravingThreshold(), own.smsOptedOut(), own.enrolledAt(),
				own.contacts(), "riverside", null, null, null, null, rules)), now);

		checkIn(9);
		assertThat(alerts()).as("the deployment's high-craving rule is not the programme's").isEmpty();
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS,
				3, 1, false, null, false, now)), now);
		assertThat(alerts()).singleElement().satisfies(raised -> {
			assertThat(raised.type()).isEqualTo(AlertType.HIGH_CRAVING);
			assertThat(raised.reason()).isEqualTo("rule very-low-mood");
		});
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS,
				null, null, false, "can't go on", true, now)), now);
		assertThat(alerts()).extracting(AlertEvent::type).as("no crisis rule in the file: a crisis all the same")
			.containsExactly(AlertType.CRISIS);
	}

	@Test
	void escalationClimbsToTheLastTierAndStops() {
		start(MORNING, Duration.ofMinutes(30));
		checkIn(9);
		alerts();

		advanceTo("2026-03-10T12:30:01Z");
		advanceTo("2026-03-10T13:00:02Z");
		advanceTo("2026-03-10T16:00:00Z");

		assertThat(alerts()).extracting(AlertEvent::level).containsExactly(2, 3);
	}

	/**
	 * A crisis skips the contacts' ladder (every tier and the person on call are told at level 1), but if no one
	 * acknowledges it in time it still climbs, so that the next person on the rota hears of it.
	 */
	@Test
	void aCrisisSkipsTheLadderYetClimbsToTheNextOnTheRotaWhenNoOneAcknowledges() {
		start(MORNING, Duration.ofMinutes(30));
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS,
				null, null, false, "can't go on", true, now)), now);
		assertThat(alerts()).singleElement().satisfies(raised -> {
			assertThat(raised.type()).isEqualTo(AlertType.CRISIS);
			assertThat(raised.level()).isEqualTo(1);
		});

		advanceTo("2026-03-10T12:29:00Z");
		assertThat(alerts()).as("not before its timeout").isEmpty();
		advanceTo("2026-03-10T12:45:00Z");
		assertThat(alerts()).singleElement().satisfies(escalated -> {
			assertThat(escalated.type()).isEqualTo(AlertType.CRISIS);
			assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
			assertThat(escalated.level()).isEqualTo(2);
		});
	}

	/** A crisis climbs after the crisis timeout (minutes), not after the half hour other alerts wait. */
	@Test
	void anUnacknowledgedCrisisClimbsAfterTheCrisisTimeout() {
		start(MORNING, settings(RuleBook.load(new ClassPathResource("rules.yml")), Duration.ofMinutes(30))
			.withCrisisTimeout(Duration.ofMinutes(5)));
		crisis();
		checkIn(9);
		assertThat(alerts()).extracting(AlertEvent::type).containsExactly(AlertType.CRISIS, AlertType.HIGH_CRAVING);

		advanceTo("2026-03-10T12:05:01Z");
		assertThat(alerts()).singleElement().satisfies(escalated -> {
			assertThat(escalated.type()).isEqualTo(AlertType.CRISIS);
			assertThat(escalated.level()).isEqualTo(2);
			assertThat(escalated.reason()).isEqualTo("not acknowledged within 5 minutes");
		});
		advanceTo("2026-03-10T12:30:01Z");
		assertThat(alerts()).extracting(AlertEvent::type, AlertEvent::level)
			.containsExactlyInAnyOrder(tuple(AlertType.CRISIS, 3), tuple(AlertType.HIGH_CRAVING, 2));
	}

	// --- told again -------------------------------------------------------------------------------------

	/**
	 * A second crisis while the first is open — even acknowledged — is told again: a REPEATED step of the same alert
	 * under the next repeat number, unacknowledged again, carrying who acknowledged it; its escalation clock starts
	 * afresh from the second crisis, and the step set by the first never acts.
	 */
	@Test
	void aSecondCrisisWhileOneIsOpenIsToldAgainAndStartsTheClockAfresh() {
		start(MORNING, Duration.ofMinutes(30));
		crisis();
		AlertEvent first = alerts().get(0);
		actions.pipeInput(CLIENT, EventJson.writeString(AlertAction.of(first.alertId(), CLIENT,
				AlertActionType.ACKNOWLEDGE, AlertAction.Actor.CONTACT, "contact-1", now)), now);
		assertThat(alerts()).extracting(AlertEvent::state).containsExactly(AlertState.ACKNOWLEDGED);

		advanceTo("2026-03-10T12:20:00Z");
		UUID second = crisis();
		assertThat(alerts()).singleElement().satisfies(repeated -> {
			assertThat(repeated.alertId()).isEqualTo(first.alertId());
			assertThat(repeated.state()).isEqualTo(AlertState.REPEATED);
			assertThat(repeated.repeats()).isEqualTo(1);
			assertThat(repeated.level()).isEqualTo(1);
			assertThat(repeated.checkInId()).isEqualTo(second);
			assertThat(repeated.acknowledgedBy()).isEqualTo("contact-1");
			assertThat(repeated.occurredAt()).isEqualTo(Instant.parse("2026-03-10T12:20:00Z"));
		});

		advanceTo("2026-03-10T12:49:00Z");
		assertThat(alerts()).as("not 30 minutes after the first crisis: 30 after the second").isEmpty();
		advanceTo("2026-03-10T12:50:01Z");
		assertThat(alerts()).singleElement().satisfies(escalated -> {
			assertThat(escalated.state()).isEqualTo(AlertState.ESCALATED);
			assertThat(escalated.level()).isEqualTo(2);
			assertThat(escalated.repeats()).isEqualTo(1);
		});
	}

	/** A third crisis is the second repeat: each is told under its own number. */
	@Test
	void eachNewCrisisIsAnotherRepeat() {
		start(MORNING, Duration.ofMinutes(30));
		crisis();
		crisis();
		crisis();

		assertThat(alerts()).extracting(AlertEvent::state, AlertEvent::repeats).containsExactly(
				tuple(AlertState.RAISED, 0), tuple(AlertState.REPEATED, 1), tuple(AlertState.REPEATED, 2));
	}

	/** The same crisis check-in delivered twice is one crisis: told once. */
	@Test
	void theSameCrisisCheckInReadTwiceIsToldOnce() {
		start(MORNING, Duration.ofMinutes(30));
		String checkIn = EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS, null,
				null, false, "can't go on", true, now));
		checkIns.pipeInput(CLIENT, checkIn, now);
		checkIns.pipeInput(CLIENT, checkIn, now);

		assertThat(alerts()).extracting(AlertEvent::state).containsExactly(AlertState.RAISED);
	}

	/**
	 * A high craving after the open one was acknowledged is told again (to those who acknowledged it, the notifier
	 * decides); before anyone acknowledged it, the ladder is already climbing and a repeat raises nothing new.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "acknowledged first, true, 1", "not yet acknowledged, false, 0" })
	void aHighCravingAfterTheOpenOneWasAcknowledgedIsToldAgain(String what, boolean acknowledged, int repeats) {
		start(MORNING, Duration.ofMinutes(30));
		checkIn(9);
		AlertEvent raised = alerts().get(0);
		if (acknowledged) {
			actions.pipeInput(CLIENT, EventJson.writeString(AlertAction.of(raised.alertId(), CLIENT,
					AlertActionType.ACKNOWLEDGE, AlertAction.Actor.STAFF, "casey", now)), now);
			assertThat(alerts()).extracting(AlertEvent::acknowledgedBy).containsExactly("staff:casey");
		}

		checkIn(9);

		assertThat(alerts()).hasSize(repeats).allSatisfy(repeated -> {
			assertThat(repeated.state()).isEqualTo(AlertState.REPEATED);
			assertThat(repeated.acknowledgedBy()).isEqualTo("staff:casey");
		});
	}

	// --- single-check-in rules -----------------------------------------------------------------------

	@Test
	void highCravingAtTheThresholdAndAutoResolveBelowIt() {
		start(MORNING, Duration.ofHours(24));
		checkIn(8);
		AlertEvent raised = alerts().get(0);
		assertThat(raised.type()).isEqualTo(AlertType.HIGH_CRAVING);
		assertThat(raised.severity()).isEqualTo(Severity.HIGH);

		checkIn(3);

		assertThat(alerts()).singleElement().satisfies(resolved -> {
			assertThat(resolved.alertId()).isEqualTo(raised.alertId());
			assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
		});
	}

	@Test
	void theClientsOwnThresholdIsUsed() {
		start(MORNING, Duration.ofHours(24));
		profiles.pipeInput(CLIENT, EventJson.writeString(profile(5)), now);
		checkIn(5);

		assertThat(alerts()).extracting(AlertEvent::type).containsExactly(AlertType.HIGH_CRAVING);
	}

	@Test
	void reportedUseRaisesReportedUse() {
		start(MORNING, Duration.ofHours(24));
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS,
				null, null, true, null, false, now)), now);

		assertThat(alerts()).extracting(AlertEvent::type).containsExactly(AlertType.REPORTED_USE);
	}

	@Test
	void threeRisingCravingsEndingAtSixOrMoreRaiseRisingCraving() {
		start(MORNING, Duration.ofHours(24));
		checkIn(4);
		checkIn(5);
		assertThat(alerts()).isEmpty();
		checkIn(6);

		assertThat(alerts()).extracting(AlertEvent::type).containsExactly(AlertType.RISING_CRAVING);
	}

	@Test
	void aPlateauIsNotARise() {
		start(MORNING, Duration.ofHours(24));
		checkIn(4);
		checkIn(6);
		checkIn(6);

		assertThat(alerts()).isEmpty();
	}

	@Test
	void theSameCheckInDeliveredTwiceRaisesOneAlert() {
		start(MORNING, Duration.ofHours(24));
		CheckInReceived checkIn = CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS, 9, null, false, null,
				false, now);
		checkIns.pipeInput(CLIENT, EventJson.writeString(checkIn), now);
		checkIns.pipeInput(CLIENT, EventJson.writeString(checkIn), now);

		assertThat(alerts()).hasSize(1);
	}

	@Test
	void aRepeatWhileTheAlertIsOpenRaisesNothingNew() {
		start(MORNING, Duration.ofHours(24));
		checkIn(9);
		checkIn(10);

		assertThat(alerts()).hasSize(1);
	}

	@Test
	void aRepeatWithAHigherSeverityIsToldAgainAtTheSameLevel() {
		StreamsBuilder builder = new StreamsBuilder();
		var rules = app.lantern.platform.rules.RuleBook.of(java.util.Map.of("rules", List.of(
				java.util.Map.of("id", "high", "type", "HIGH_CRAVING", "severity", "HIGH", "condition", "craving >= 8"),
				java.util.Map.of("id", "highest", "type", "HIGH_CRAVING", "severity", "CRITICAL", "condition",
						"craving == 10"))), "test");
		AlertTopology.build(builder, settings(rules, Duration.ofHours(24)));
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "severity-test");
		config.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		driver = new TopologyTestDriver(builder.build(), config, MORNING);
		now = MORNING;
		checkIns = driver.createInputTopic(Topics.CHECKINS, Serdes.String().serializer(), Serdes.String().serializer());
		alerts = driver.createOutputTopic(Topics.ALERTS, Serdes.String().deserializer(), Serdes.String().deserializer());

		checkIn(8);
		checkIn(9);
		checkIn(10);

		assertThat(alerts()).extracting(AlertEvent::state, AlertEvent::severity, AlertEvent::level).containsExactly(
				org.assertj.core.groups.Tuple.tuple(AlertState.RAISED, Severity.HIGH, 1),
				org.assertj.core.groups.Tuple.tuple(AlertState.ESCALATED, Severity.CRITICAL, 1));
	}

	@Test
	void anActionOnAnUnknownAlertChangesNothing() {
		start(MORNING, Duration.ofHours(24));
		actions.pipeInput(CLIENT, EventJson.writeString(AlertAction.of(UUID.randomUUID(), CLIENT, AlertActionType.RESOLVE,
				AlertAction.Actor.STAFF, "admin", now)), now);

		assertThat(alerts()).isEmpty();
	}

	@Test
	void anErasedClientIsForgotten() {
		start(MORNING, Duration.ofHours(24));
		profile(NEW_YORK, ClientStatus.ACTIVE, "09:00");
		profiles.pipeInput(CLIENT, (String) null, now);

		advanceTo("2026-03-11T20:00:00Z");

		assertThat(alerts()).isEmpty();
		assertThat(messages.isEmpty()).isTrue();
	}

	// --- rules that throw, and anything else that throws -------------------------------------------------

	@Test
	void aRuleThatThrowsIsSkippedForThatCheckInAndTheOthersStillJudgeIt() {
		List<String> failures = new java.util.ArrayList<>();
		start(MORNING, Duration.ofHours(24), RuleBook.load(new ClassPathResource("hostile-rules.yml")),
				new AlertSettings.Observer() {
					@Override
					public void ruleFailed(String ruleId) {
						failures.add(ruleId);
					}
				});

		// mood 2 divides by zero in one rule, craving 7 in the other; the client also reports use
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT,
				CheckInChannel.SMS, 7, 2, true, null, false, now)), now);
		// and the next check-in, and the next client, are judged as ever
		checkIns.pipeInput("client-2", EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), "client-2",
				CheckInChannel.SMS, 3, 1, false, null, true, now)), now);

		assertThat(alerts()).extracting(AlertEvent::clientId, AlertEvent::type).containsExactly(
				org.assertj.core.groups.Tuple.tuple(CLIENT, AlertType.REPORTED_USE),
				org.assertj.core.groups.Tuple.tuple("client-2", AlertType.CRISIS));
		assertThat(failures).containsExactly("low-mood-ratio", "craving-ratio");
	}

	@Test
	void anUnexpectedFailureOnOneRecordSendsItToTheDeadLettersAndTheEngineGoesOn() {
		start(MORNING, Duration.ofHours(24), RuleBook.load(new ClassPathResource("rules.yml")),
				new AlertSettings.Observer() {
					@Override
					public void alert(AlertEvent event) {
						if (event.clientId().equals("poisoned")) {
							throw new IllegalStateException("a fault no one expected");
						}
					}
				});
		TestOutputTopic<String, String> deadLetters = driver.createOutputTopic(Topics.deadLetter(Topics.CHECKINS),
				Serdes.String().deserializer(), Serdes.String().deserializer());

		checkIns.pipeInput("poisoned", EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), "poisoned",
				CheckInChannel.SMS, 9, null, false, null, false, now)), now);
		checkIn(9);

		assertThat(deadLetters.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("poisoned");
		assertThat(alerts()).singleElement().satisfies(alert -> {
			assertThat(alert.clientId()).isEqualTo(CLIENT);
			assertThat(alert.type()).isEqualTo(AlertType.HIGH_CRAVING);
		});
	}

	// --- helpers -------------------------------------------------------------------------------------

	/** The engine's clock to {@code instant}, and the stream's wall clock as far, so that the engine looks. */
	private void advanceTo(String instant) {
		Instant target = Instant.parse(instant);
		clock.set(target);
		driver.advanceWallClockTime(Duration.between(now, target));
		now = target;
	}

	/** A crisis check-in of the client now; answers its id. */
	private UUID crisis() {
		UUID id = UUID.randomUUID();
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(id, CLIENT, CheckInChannel.SMS, null, null,
				false, "can't go on", true, now)), now);
		return id;
	}

	private void checkIn(int craving) {
		checkIns.pipeInput(CLIENT, EventJson.writeString(CheckInReceived.of(UUID.randomUUID(), CLIENT, CheckInChannel.SMS,
				craving, null, false, null, false, now)), now);
	}

	private void profile(ZoneId zone, ClientStatus status, String... dueTimes) {
		profiles.pipeInput(CLIENT, EventJson.writeString(profile(zone, status, false, dueTimes)), now);
	}

	private ClientProfile profile(ZoneId zone, ClientStatus status, boolean optedOut, String... dueTimes) {
		List<LocalTime> times = java.util.Arrays.stream(dueTimes).map(LocalTime::parse).toList();
		return new ClientProfile(UUID.randomUUID(), now, 1, CLIENT, ++version, "Jordan", "+12025550101", status, zone,
				new ClientProfile.Schedule(times, 60, 30, now), 8, optedOut, now.minus(Duration.ofDays(30)), List.of());
	}

	private ClientProfile profile(int threshold) {
		return new ClientProfile(UUID.randomUUID(), now, 1, CLIENT, ++version, "Jordan", "+12025550101",
				ClientStatus.PAUSED, NEW_YORK, new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now),
				threshold, false, now, List.of());
	}

	private List<AlertEvent> alerts() {
		return alerts.readValuesToList().stream().map(json -> EventJson.read(json, AlertEvent.class)).toList();
	}

	private List<ClientMessage> messages() {
		return messages.readValuesToList().stream().map(json -> EventJson.read(json, ClientMessage.class)).toList();
	}
}
