package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client's own away, through the real services: they text AWAY 2 before a due time; the profile carries an end
 * two days on, the staff member on call is told at once (no name in the text), and when the clock passes the
 * deadline nothing is raised for them — while another client with the same due time, not away, is raised a missed
 * check-in and their sponsor told — and the away client's sponsor hears nothing of either.
 */
@Order(11)
@ExtendWith(SandboxPlatform.class)
class AwayTest {

	@Test
	void aClientsOwnAwayHoldsTheirMissedCheckInAndTellsTheStaffMemberOnCall() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("Away");
		String onCall = "away-" + UUID.randomUUID().toString().substring(0, 8);
		String shift = staff.onCallNow(onCall, "+12025550141", programme);
		try {
			Staff.Due due = staff.dueIn(Duration.ofMinutes(10));
			Map<String, Object> dueDaily = Staff.dueDaily(programme, due, 1, false, 0);
			var away = Enrolments.withSponsor(staff.api, Enrolments.client("Ari", "+12025550142", dueDaily),
					"+12025550143", "MISSED_CHECKIN");
			var control = Enrolments.withSponsor(staff.api, Enrolments.client("Bo", "+12025550144", dueDaily),
					"+12025550145", "MISSED_CHECKIN");
			staff.awaitOptedIn(away.clientId());
			staff.awaitOptedIn(control.clientId());

			Instant texted = staff.platform.clock.instant();
			assertThat(staff.text("+12025550142", "AWAY 2")).contains("No check-ins needed until");

			staff.awaitProfile(away.clientId(), profile -> profile.awayUntil() != null);
			staff.awaitEngineRead(Topics.CLIENT_PROFILES, away.clientId());
			staff.awaitEngineRead(Topics.CLIENT_PROFILES, control.clientId());
			assertThat(Instant.parse((String) staff.api.get().uri("/api/clients/{id}", away.clientId()).retrieve()
				.body(Map.class).get("awayUntil")))
				.as("two days from the text").isBetween(texted.plus(Duration.ofDays(2)).minusSeconds(5),
						staff.platform.clock.instant().plus(Duration.ofDays(2)));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(staff.textsTo("+12025550141"))
				.singleElement()
				.satisfies(body -> assertThat(body)
					.startsWith("Lantern on call: a client is away for a few days, by their own word at")
					.contains("/clients/" + away.clientId())
					.doesNotContain("Ari")));

			staff.moveClockTo(due.plus(Duration.ofMinutes(1)).plusSeconds(1));

			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(staff.disclosures(control.clientId()))
				.anySatisfy(line -> assertThat(line).containsEntry("recipient", control.sponsorId())
					.containsEntry("alertType", "MISSED_CHECKIN").containsEntry("status", "SENT")));
			assertThat(staff.openAlerts(away.clientId())).extracting(alert -> alert.get("type"))
				.containsExactly("AWAY");
			assertThat(staff.disclosures(away.clientId()))
				.as("the sponsor was invited, and told of no alert: neither the miss nor the away")
				.filteredOn(line -> away.sponsorId().equals(line.get("recipient")) && line.get("alertId") != null)
				.isEmpty();
		}
		finally {
			staff.endShift(shift);
		}
	}
}
