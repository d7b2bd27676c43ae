package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reminder ladder through the real services: two clients with a nudge at the due time and another a minute into
 * the grace. The clock moves to the due time: both are nudged; one checks in; the clock moves a minute on: only the
 * other is nudged again, a minute after the first.
 */
@Order(12)
@ExtendWith(SandboxPlatform.class)
class ReminderLadderTest {

	private static final String NUDGE = "Lantern: still there? Reply with a number 0-10, like 7.";

	@Test
	void theLaddersNudgesComeAMinuteApartAndACheckInStopsTheRest() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("Ladder");
		Staff.Due due = staff.dueIn(Duration.ofMinutes(10));
		Map<String, Object> ladder = Staff.dueDaily(programme, due, 2, true, 1);
		String wholeLadder = Enrolments.enrol(staff.api, Enrolments.client("Cy", "+12025550146", ladder));
		String stopsEarly = Enrolments.enrol(staff.api, Enrolments.client("Di", "+12025550147", ladder));
		staff.awaitEngineRead(Topics.CLIENT_PROFILES, wholeLadder);
		staff.awaitEngineRead(Topics.CLIENT_PROFILES, stopsEarly);

		staff.moveClockTo(due.at().plusSeconds(1));
		await().atMost(Duration.ofSeconds(30)).until(() -> nudges(staff, "+12025550146").size() == 1
				&& nudges(staff, "+12025550147").size() == 1);
		staff.checkIn(stopsEarly, 2);
		staff.awaitEngineRead(Topics.CHECKINS, stopsEarly);

		staff.moveClockTo(due.plus(Duration.ofMinutes(1)).plusSeconds(1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(nudges(staff, "+12025550146")).hasSize(2));
		List<Staff.Sent> nudges = nudges(staff, "+12025550146");
		assertThat(Duration.between(nudges.get(0).at(), nudges.get(1).at())).as("the second a minute after the first")
			.isBetween(Duration.ofSeconds(45), Duration.ofSeconds(75));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(nudges(staff, "+12025550147")).as("no second nudge after a check-in").hasSize(1));
		staff.checkIn(wholeLadder, 2);
	}

	private static List<Staff.Sent> nudges(Staff staff, String phone) {
		return staff.sentTo(phone).stream().filter(sent -> sent.body().equals(NUDGE)).toList();
	}
}
