package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A schedule whose days differ, through the real services with the clock moved: a client late in their evening has
 * a step-down plan whose one-day first step is due in a few minutes, and tomorrow's weekday a time of its own
 * before the every-day one. The rules engine misses the step's due time, then — the step over — tomorrow's own
 * time, not the every-day time twenty minutes later. Last of the classes on the sandbox platform: it moves the
 * shared clock over an hour.
 */
@Order(20)
@ExtendWith(SandboxPlatform.class)
class SchedulesByDayTest {

	@Test
	void theRulesEngineKeepsEachDaysOwnTimesAcrossTheClientsMidnight() {
		Staff staff = SandboxPlatform.staff();
		Instant now = staff.platform.clock.instant();
		ZoneId zone = lateEvening(now);
		ZonedDateTime local = now.atZone(zone);
		LocalDate today = local.toLocalDate();
		LocalTime stepTime = local.toLocalTime().plusMinutes(4).truncatedTo(ChronoUnit.SECONDS);
		LocalDate tomorrow = today.plusDays(1);
		Map<String, Object> schedule = Map.of("dueTimes", List.of("00:20"), "graceMinutes", 1,
				"reminderMinutesBefore", 0, "plan", Map.of(
						"weekdays", Map.of(tomorrow.getDayOfWeek().name(), List.of("00:10")),
						"stepsFrom", today.toString(),
						"steps", List.of(Map.of("days", 1, "dueTimes", List.of(stepTime.toString())))));
		String clientId = Enrolments.enrol(staff.api, Enrolments.client("Emery", "+12025550181",
				Map.of("programme", staff.newProgramme("Days"), "timezone", zone.getId(), "schedule", schedule)));
		staff.awaitEngineRead(Topics.CLIENT_PROFILES, clientId);

		Instant stepDue = ZonedDateTime.of(today, stepTime, zone).toInstant();
		staff.moveClockTo(stepDue.plus(Duration.ofMinutes(1)).plusSeconds(1));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(staff.openAlerts(clientId))
			.singleElement()
			.satisfies(alert -> assertThat(alert).containsEntry("type", "MISSED_CHECKIN")
				.containsEntry("raisedAt", stepDue.plus(Duration.ofMinutes(1)).toString())));

		Instant tomorrowsOwn = ZonedDateTime.of(tomorrow, LocalTime.of(0, 10), zone).toInstant();
		staff.moveClockTo(tomorrowsOwn.plus(Duration.ofMinutes(1)).plusSeconds(1));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(staff.openAlerts(clientId))
			.as("tomorrow's own 00:10 was missed too: the every-day 00:20 has not come")
			.singleElement()
			.satisfies(alert -> assertThat(alert).containsEntry("severity", "HIGH")
				.containsEntry("reason", "2 check-ins missed in a row")));
	}

	/** A zone where it is between 22:30 and 23:50 now: the client's midnight is at most an hour and a half away. */
	private static ZoneId lateEvening(Instant now) {
		return ZoneId.getAvailableZoneIds().stream()
			.filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
			.map(ZoneId::of)
			.filter(zone -> {
				LocalTime time = now.atZone(zone).toLocalTime();
				return !time.isBefore(LocalTime.of(22, 30)) && time.isBefore(LocalTime.of(23, 50));
			})
			.max(Comparator.comparing((ZoneId zone) -> now.atZone(zone).toLocalTime()).thenComparing(ZoneId::getId))
			.orElseThrow();
	}
}
