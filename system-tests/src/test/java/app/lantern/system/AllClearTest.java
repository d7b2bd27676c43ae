package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No one is left worrying, through the real services: the clock passes a client's deadline, their sponsor is told of
 * the missed check-in; the client checks in, and the sponsor hears "all clear" — and the missed check-in is closed.
 */
@Order(14)
@ExtendWith(SandboxPlatform.class)
class AllClearTest {

	@Test
	void theSponsorToldOfAMissHearsAllClearWhenTheClientChecksIn() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("All clear");
		Staff.Due due = staff.dueIn(Duration.ofMinutes(10));
		var ed = Enrolments.withSponsor(staff.api,
				Enrolments.client("Ed", "+12025550156", Staff.dueDaily(programme, due, 1, false, 0)), "+12025550157",
				"MISSED_CHECKIN");
		staff.awaitOptedIn(ed.clientId());
		staff.awaitEngineRead(Topics.CLIENT_PROFILES, ed.clientId());

		staff.moveClockTo(due.plus(Duration.ofMinutes(1)).plusSeconds(1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(staff.textsTo("+12025550157"))
			.anySatisfy(body -> assertThat(body).startsWith("Lantern: Ed missed a check-in at")));
		staff.checkIn(ed.clientId(), 3);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(staff.textsTo("+12025550157"))
			.last().isEqualTo("Lantern: Ed has checked in. All clear, thank you. Federal law (42 CFR Part 2) prohibits "
					+ "further disclosure of this information."));
		assertThat(staff.openAlerts(ed.clientId())).as("the miss is closed").isEmpty();
	}
}
