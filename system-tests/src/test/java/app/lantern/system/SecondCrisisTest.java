package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second crisis is told, through the real services: a client texts words of crisis, their sponsor and the person
 * on call are told, and the person on call texts OK; twenty minutes on (the clock moved) the client texts words of
 * crisis again — the same alert, told again to both, "again at" the new time.
 */
@Order(16)
@ExtendWith(SandboxPlatform.class)
class SecondCrisisTest {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

	private static final String CLIENT = "+12025550264";

	private static final String SPONSOR = "+12025550265";

	private static final String ON_CALL = "+12025550266";

	@Test
	void aCrisisAfterTheFirstWasAcknowledgedIsToldAgainToTheSponsorAndThePersonOnCall() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("Second crisis");
		String shift = staff.onCallNow("rae-" + UUID.randomUUID().toString().substring(0, 6), ON_CALL, programme);
		var lee = Enrolments.withSponsor(staff.api, Enrolments.client("Lee", CLIENT, Map.of("programme", programme, "timezone", "UTC")),
				SPONSOR, "CRISIS");
		staff.awaitOptedIn(lee.clientId());
		staff.awaitNotifierRota(shift);

		assertThat(staff.text(CLIENT, "I am going to overdose tonight")).contains("988")
			.contains("We are letting your support team know.");
		await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(staff, SPONSOR) == 1 && onCallTexts(staff) == 1);
		assertThat(staff.text(ON_CALL, "OK")).contains("acknowledged, thank you");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(staff.openAlerts(lee.clientId()))
			.singleElement().satisfies(alert -> assertThat(alert).containsEntry("state", "ACKNOWLEDGED")));

		staff.moveClockTo(staff.platform.clock.instant().plus(Duration.ofMinutes(20)));
		Instant sent = staff.platform.clock.instant();
		assertThat(staff.text(CLIENT, "I relapsed and I want to die")).contains("988");
		Instant answered = staff.platform.clock.instant();

		await().atMost(Duration.ofSeconds(30)).until(() -> alertsTo(staff, SPONSOR) == 2 && onCallTexts(staff) == 2);
		assertThat(staff.textsTo(SPONSOR).get(staff.textsTo(SPONSOR).size() - 1))
			.startsWith("Lantern: Lee asked for help urgently again at ");
		assertThat(staff.textsTo(ON_CALL).get(1)).startsWith("Lantern on call: a client asked for help urgently again at ")
			.doesNotContain("Lee");
		assertThat(staff.textsTo(ON_CALL).get(1)).as("again at the time of the second crisis")
			.containsAnyOf(" at " + TIME.format(sent.atZone(ZoneOffset.UTC)) + ".",
					" at " + TIME.format(answered.atZone(ZoneOffset.UTC)) + ".");
		assertThat(staff.openAlerts(lee.clientId())).as("the same alert, told again").singleElement()
			.satisfies(alert -> assertThat(alert).containsEntry("state", "REPEATED"));
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.until(() -> alertsTo(staff, SPONSOR) == 2 && onCallTexts(staff) == 2);
		staff.endShift(shift);
	}

	private static long alertsTo(Staff staff, String phone) {
		return staff.textsTo(phone).stream().filter(body -> body.startsWith("Lantern: Lee ")).count();
	}

	private static long onCallTexts(Staff staff) {
		return staff.textsTo(ON_CALL).stream().filter(body -> body.startsWith("Lantern on call:")).count();
	}
}
