package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Never nobody, through the real services: on a night with no shift for the client's programme, a client with no
 * support contact texts words of crisis — every staff member who works in the programme and has a phone is texted
 * (no one of another programme), and the client is told only what is true: the crisis lines, with no promise that a
 * team is being told.
 */
@Order(17)
@ExtendWith(SandboxPlatform.class)
class NoShiftTonightTest {

	private static final String CLIENT = "+12025550267";

	private static final String FIRST = "+12025550268";

	private static final String SECOND = "+12025550269";

	private static final String ELSEWHERE = "+12025550270";

	@Test
	void aCrisisOnANightWithNoShiftReachesEveryoneInTheProgrammeAndPromisesTheClientNoTeam() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("No shift tonight");
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		staff.newStaffMember("uma-" + suffix, FIRST, programme);
		staff.newStaffMember("vic-" + suffix, SECOND, programme);
		staff.newStaffMember("wes-" + suffix, ELSEWHERE, staff.newProgramme("Elsewhere"));
		staff.awaitNotifierRota("\"" + ELSEWHERE + "\"");
		String clientId = Enrolments.enrol(staff.api, Enrolments.client("Ari", CLIENT, Map.of("programme", programme)));
		staff.awaitNotifierHolds(clientId, "\"programme\":\"" + programme + "\"");

		String reply = staff.text(CLIENT, "I want to end it all");

		assertThat(reply).contains("988").contains("911").doesNotContain("support team");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(staff.textsTo(FIRST)).singleElement().asString().startsWith("Lantern on call: a client asked for help");
			assertThat(staff.textsTo(SECOND)).singleElement().asString().startsWith("Lantern on call: a client asked for help");
		});
		assertThat(staff.textsTo(ELSEWHERE)).as("no one of another programme").isEmpty();
		assertThat(staff.openAlerts(clientId)).singleElement()
			.satisfies(alert -> assertThat(alert).containsEntry("type", "CRISIS"));
	}
}
