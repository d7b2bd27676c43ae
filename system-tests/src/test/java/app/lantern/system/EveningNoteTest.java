package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The evening note, through the real services: a sponsor texts DAILY; the client checks in at noon and nothing goes
 * before the evening; the clock moves to 20:00 (the notifier's default, in the sponsor's zone) and one note goes,
 * once; DAILY OFF stops it.
 */
@Order(15)
@ExtendWith(SandboxPlatform.class)
class EveningNoteTest {

	private static final String NOTE = "Lantern: Flo checked in today. Reply DAILY OFF to stop these notes. Federal law "
			+ "(42 CFR Part 2) prohibits further disclosure of this information.";

	@Test
	void aSponsorWhoAskedForTheEveningNoteGetsOneOnADayTheClientCheckedIn() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("Evening");
		// noon of a day to come, in UTC (the client's and the sponsor's zone): the evening is ahead
		LocalDate day = LocalDate.ofInstant(staff.platform.clock.instant(), ZoneOffset.UTC).plusDays(1);
		staff.moveClockTo(day.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC));
		var flo = Enrolments.withSponsor(staff.api, Enrolments.client("Flo", "+12025550158",
				Map.of("programme", programme, "timezone", "UTC")), "+12025550159", "CHECKED_IN_DIGEST");
		assertThat(staff.text("+12025550159", "DAILY")).contains("short evening note");
		staff.awaitNotifierHolds(flo.clientId(), "\"digest\":true");

		staff.checkIn(flo.clientId(), 3);
		JdbcClient notifier = staff.platform.notifier.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> notifier
			.sql("select count(*) from client_check_in where client_id = ?").param(flo.clientId()).query(Integer.class)
			.single() == 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(notes(staff)).as("nothing before the evening").isEmpty());

		Instant evening = day.atTime(20, 0).toInstant(ZoneOffset.UTC);
		staff.moveClockTo(evening.plusSeconds(1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(notes(staff)).hasSize(1));
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
			.untilAsserted(() -> assertThat(notes(staff)).as("one a day").hasSize(1));

		assertThat(staff.text("+12025550159", "DAILY OFF")).contains("No more evening notes");
		staff.awaitNotifierHolds(flo.clientId(), "\"digest\":false");
	}

	private static List<String> notes(Staff staff) {
		return staff.textsTo("+12025550159").stream().filter(NOTE::equals).toList();
	}
}
