package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;

/**
 * The client's own worker is told first, through the real services: a client with no contacts reports a high
 * craving while their worker is on a shift; the worker's phone hears of it, not the person on call — until no one
 * has acknowledged it for the escalation timeout (the clock moved), when the person on call is told.
 */
@Order(19)
@ExtendWith(SandboxPlatform.class)
class WorkerFirstTest {

	private static final String WORKER = "+12025550331";

	private static final String ON_CALL = "+12025550332";

	@Test
	void anAlertGoesFirstToTheClientsWorkerOnShiftThenToThePersonOnCall() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("Worker first");
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String onCallShift = staff.onCallNow("on-call-" + suffix, ON_CALL, programme);
		String worker = "worker-" + suffix;
		staff.newStaffMember(worker, WORKER, programme);
		LocalDateTime now = LocalDateTime.ofInstant(staff.platform.clock.instant(), ZoneOffset.UTC).withNano(0);
		Map<?, ?> dayShift = staff.api.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", now.minusHours(2).toString(), "endsAt", now.plusHours(8).toString(), "primary", worker))
			.retrieve().body(Map.class);
		try {
			String clientId = Enrolments.enrol(staff.api, Enrolments.client("Kit", "+12025550333",
					Map.of("programme", programme, "timezone", "UTC")));
			staff.api.put().uri("/api/clients/{id}/workers", clientId).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("primary", worker)).retrieve().toBodilessEntity();
			staff.awaitProfile(clientId, profile -> profile.workers().contains(worker));
			staff.awaitNotifierRota((String) dayShift.get("id"));
			staff.awaitNotifierHolds(clientId, "\"workers\":[\"" + worker + "\"]");

			Instant raised = staff.platform.clock.instant();
			staff.checkIn(clientId, 9);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(staff.textsTo(WORKER)).singleElement()
				.satisfies(text -> assertThat(text).startsWith("Lantern on call:").doesNotContain("Kit")));
			assertThat(staff.textsTo(ON_CALL)).as("the person on call is not told first").isEmpty();

			staff.moveClockTo(raised.plus(Duration.ofMinutes(30)).plusSeconds(2));
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(staff.textsTo(ON_CALL)).hasSize(1));
			assertThat(staff.textsTo(WORKER)).as("the worker was told once").hasSize(1);
			List<Map<String, Object>> open = staff.openAlerts(clientId);
			open.forEach(alert -> staff.api.post().uri("/api/alerts/{id}/resolve", alert.get("id"))
				.contentType(MediaType.APPLICATION_JSON).body(Map.of("outcome", "HELPFUL")).retrieve().toBodilessEntity());
		}
		finally {
			staff.endShift((String) dayShift.get("id"));
			staff.endShift(onCallShift);
		}
	}
}
