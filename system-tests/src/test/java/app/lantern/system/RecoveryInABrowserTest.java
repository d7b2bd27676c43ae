package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.TwilioDouble;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.core.ParameterizedTypeReference;

/**
 * A new client's own side, whole, in the real browser against the real services: they open the link their welcome
 * text brought, write two triggers and a coping step into their plan, add the meeting they go to every Tuesday,
 * check in with the network gone and see it sent when it is back; a craving of 9 by text answers with their own
 * coping step; after Tuesday's meeting (the clock moved to the evening) they are asked whether they made it, answer
 * N, and the programme's report counts the meeting missed. Last of the classes on Twilio's double: it moves the
 * shared clock up to a week.
 */
@Order(Integer.MAX_VALUE / 2 + 1)
class RecoveryInABrowserTest extends InABrowser {

	private static final String PHONE = "+12025550341";

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void aNewClientKeepsTheirPlanAndTheirMeetingChecksInOfflineAndTheirAnswersCount() throws Exception {
		Staff staff = TwilioPlatform.staff();
		String clientId = Enrolments.enrol(staff.api, Enrolments.client("Rene", PHONE));
		String welcome = await().atMost(Duration.ofSeconds(30)).until(() -> TwilioDouble.textsTo(twilio, PHONE).stream()
			.filter(text -> text.contains("/c/")).findFirst().orElse(null), text -> text != null);
		String path = welcome.substring(welcome.indexOf("/c/")).split("\\s")[0];

		try (CuttableLine line = new CuttableLine(base)) {
			String page = line.base() + path;
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			writeThePlan(wait, page);
			addTheTuesdayMeeting(wait, page);
			checkInOffline(wait, line, page);
		}
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(staff.api.get()
			.uri("/api/clients/{id}/checkins", clientId).retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})).as("the check-in made offline, counted once").singleElement()
			.satisfies(checkIn -> assertThat(checkIn).containsEntry("craving", 3).containsEntry("channel", "WEB")));
		assertThat(staff.text(PHONE, "9")).as("a hard day: their own coping step").contains("Text Jo from group");

		ZonedDateTime now = staff.platform.clock.instant().atZone(NEW_YORK);
		ZonedDateTime afterTheMeeting = now.with(TemporalAdjusters.nextOrSame(DayOfWeek.TUESDAY)).with(LocalTime.of(20, 1));
		if (afterTheMeeting.isBefore(now)) {
			afterTheMeeting = afterTheMeeting.plusWeeks(1);
		}
		staff.moveClockTo(afterTheMeeting.toInstant());
		await().atMost(Duration.ofSeconds(30)).until(() -> TwilioDouble.textsTo(twilio, PHONE),
				texts -> texts.contains("Lantern: did you make it to your meeting at 7:00 PM? Reply Y or N."));
		assertThat(TwilioDouble.textsTo(twilio, PHONE)).as("the meeting's own words go nowhere")
			.noneMatch(text -> text.contains("St Anne"));

		assertThat(staff.text(PHONE, "N")).contains("Thanks for telling us");
		ZoneId programmeZone = staff.api.get().uri("/api/programmes").retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.stream().filter(programme -> "default".equals(programme.get("id"))).findFirst()
			.map(programme -> ZoneId.of((String) programme.get("timezone"))).orElseThrow();
		Map<String, Object> report = staff.api.get().uri("/api/programmes/default/reports/{month}",
				YearMonth.from(afterTheMeeting.withZoneSameInstant(programmeZone))).retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		assertThat(report).containsEntry("appointmentsAsked", 1).containsEntry("appointmentsMissed", 1)
			.containsEntry("appointmentsAttended", 0);
		assertThat(staff.api.get().uri("/api/clients/{id}/appointments", clientId).retrieve().body(String.class))
			.contains("\"missed\":1");
	}

	private static void writeThePlan(WebDriverWait wait, String page) {
		browser.get(page + "/plan");
		wait.until(ExpectedConditions.titleContains("My recovery plan"));
		browser.findElement(By.id("warningSigns")).sendKeys("Payday\nWalking past the old bar");
		browser.findElement(By.id("copingSteps")).clear();
		browser.findElement(By.id("copingSteps")).sendKeys("Text Jo from group");
		browser.findElement(By.cssSelector("form button.primary")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Saved."));
		assertThat(browser.findElement(By.id("warningSigns")).getAttribute("value"))
			.isEqualTo("Payday\nWalking past the old bar");
	}

	private static void addTheTuesdayMeeting(WebDriverWait wait, String page) {
		browser.get(page + "/appointments");
		wait.until(ExpectedConditions.titleContains("My appointments"));
		new Select(browser.findElement(By.id("kind"))).selectByValue("MEETING");
		browser.findElement(By.id("title")).sendKeys("NA at St Anne's");
		browser.findElement(By.cssSelector("input[name=days][value=TUESDAY]")).click();
		browser.executeScript("document.getElementById('time').value = '19:00';");
		browser.findElement(By.cssSelector("form[action$='/appointments'] button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Added."));
		assertThat(browser.findElement(By.cssSelector("ul.appointments")).getText()).contains("Meeting",
				"NA at St Anne's", "Tuesday at 7:00 PM");
	}

	/** The check-in page, kept on the phone by its service worker, used with no network and then with it back. */
	private static void checkInOffline(WebDriverWait wait, CuttableLine line, String page) {
		openKeptOnThePhone(wait, page);
		network(false, line);
		try {
			checkInOffline(wait, 3);
		}
		finally {
			network(true, line);
		}
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("offline-status"), "was sent"));
	}
}
