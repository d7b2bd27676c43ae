package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A case manager's day in the real browser against the three services, with the platform's clock moved past a due
 * time: two clients of their own and one of a colleague on leave make "my clients" three; the rules engine raises
 * a missed check-in, which they acknowledge and resolve without having reached the client, so the programme's
 * policy puts a follow-up on their queue; they log the call as a case note and close the task; and the
 * director's report for the month counts the alert and the time it took to acknowledge.
 */
class CaseManagerInABrowserTest extends InABrowser {

	private static final String PASSWORD = "a long enough password";

	@Test
	void myClientsAMissedCheckInItsFollowUpACaseNoteAndTheDirectorsMonth() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
		Staff staff = new Staff(platform);
		String programme = staff.newProgramme("Riverside");
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String manager = "manager-" + suffix;
		String colleague = "colleague-" + suffix;
		String director = "director-" + suffix;
		newStaff(manager, "STAFF", programme);
		newStaff(colleague, "STAFF", programme);
		newStaff(director, "PROGRAMME_ADMIN", programme);

		Staff.Due due = staff.dueIn(Duration.ofMinutes(10));
		String missing = enrol(staff, "Quinn", "+12025550171", Staff.dueDaily(programme, due, 1, false, 0), manager);
		enrol(staff, "Reese", "+12025550172", Map.of("programme", programme), manager);
		enrol(staff, "Sage", "+12025550173", Map.of("programme", programme), colleague);
		LocalDate today = LocalDate.ofInstant(platform.clock.instant(), ZoneOffset.UTC);
		staff.api.post().uri("/api/staff/{u}/leave", colleague).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsOn", today.toString(), "endsOn", today.plusDays(7).toString(), "coveredBy", manager))
			.retrieve().toBodilessEntity();

		signIn(wait, manager, PASSWORD);
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Caseload: my clients");
		assertThat(browser.findElements(By.cssSelector("main tbody tr"))).extracting(WebElement::getText)
			.hasSize(3)
			.anySatisfy(row -> assertThat(row).startsWith("Quinn"))
			.anySatisfy(row -> assertThat(row).startsWith("Reese"))
			.anySatisfy(row -> assertThat(row).startsWith("Sage"));

		staff.awaitEngineRead(Topics.CLIENT_PROFILES, missing);
		staff.moveClockTo(due.plus(Duration.ofMinutes(1)).plusSeconds(1));
		await().atMost(Duration.ofSeconds(60)).until(() -> staff.openAlerts(missing).stream()
			.anyMatch(alert -> "MISSED_CHECKIN".equals(alert.get("type"))));
		staff.moveClockTo(staff.platform.clock.instant().plus(Duration.ofMinutes(3)));
		browser.get(base + "/alerts");
		// the queue redraws itself as alerts change: each button is found afresh until the click lands
		click(wait, "//tbody[@id='alert-rows']/tr[td/a[text()='Quinn']]//button[text()='Acknowledge']");
		click(wait, "//tbody[@id='alert-rows']/tr[td/a[text()='Quinn'] and td[@data-state='ACKNOWLEDGED']]"
				+ "//button[text()='Resolve']");

		// resolved without anyone having reached Quinn: the programme's policy gives the manager a follow-up
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			browser.get(base + "/follow-ups");
			return browser.findElement(By.tagName("main")).getText().contains("Reach the client");
		});
		assertThat(browser.findElement(By.xpath("//tbody/tr[td/a[text()='Quinn']]")).getText())
			.contains("Reach the client", manager);

		browser.findElement(By.linkText("Quinn")).click();
		wait.until(ExpectedConditions.titleContains("Client"));
		browser.findElement(By.xpath("//summary[text()='Write a case note']")).click();
		browser.findElement(By.id("text")).sendKeys("Called; they had a long shift and forgot");
		browser.findElement(By.xpath("//button[text()='Save case note']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("case-notes"), "a call, reached them"));
		browser.findElement(By.xpath("//ul[@id='follow-ups']//button[text()='Done']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("follow-ups"), "done"));
		browser.get(base + "/follow-ups");
		assertThat(browser.findElement(By.tagName("main")).getText()).contains("Nothing to follow up.");

		signIn(wait, director, PASSWORD);
		browser.get(base + "/reports?programme=" + programme);
		String report = browser.findElement(By.id("report")).getText();
		assertThat(report).contains("Alerts: Missed check-in 1", "Alerts acknowledged 1", "Time to acknowledge, median 3.")
			.contains("Follow-ups made, done, overdue 1, 1, 0", "Case notes (that reached the client) 1 (1)");
	}

	private static void click(WebDriverWait wait, String xpath) {
		wait.ignoring(StaleElementReferenceException.class).until(driver -> {
			driver.findElement(By.xpath(xpath)).click();
			return true;
		});
	}

	private static void newStaff(String username, String role, String programme) {
		as("admin", RunningPlatform.ADMIN_PASSWORD).post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", PASSWORD, "role", role, "programmes", List.of(programme)))
			.retrieve().toBodilessEntity();
	}

	private static String enrol(Staff staff, String name, String phone, Map<String, Object> changes, String worker) {
		String id = Enrolments.enrol(staff.api, Enrolments.client(name, phone, changes));
		Map<String, String> workers = new HashMap<>();
		workers.put("primary", worker);
		RestClient api = staff.api;
		api.put().uri("/api/clients/{id}/workers", id).contentType(MediaType.APPLICATION_JSON).body(workers).retrieve()
			.toBodilessEntity();
		return id;
	}
}
