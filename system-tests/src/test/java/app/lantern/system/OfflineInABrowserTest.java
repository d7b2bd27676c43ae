package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.web.client.RestClient;

/**
 * The client's page on a bad connection, in the real browser with its network cut (Chromium's own offline mode):
 * once opened, the page comes back with no network at all; a check-in made offline is kept on the phone, and sent
 * — once — when the network is back, the client told both times; a page never opened shows the crisis lines.
 */
class OfflineInABrowserTest extends InABrowser {

	@Test
	void aCheckInMadeOfflineIsKeptOnThePhoneAndSentWhenTheNetworkIsBack() throws Exception {
		try (CuttableLine line = new CuttableLine(base)) {
			checkInOffline(line);
		}
	}

	private void checkInOffline(CuttableLine line) {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		RestClient admin = as("admin", RunningPlatform.ADMIN_PASSWORD);
		Map<?, ?> enrolled = admin.post().uri("/api/clients").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
			.body(Enrolments.client("Ash", "+12025550311")).retrieve().body(Map.class);
		String clientId = (String) enrolled.get("id");
		String url = (String) enrolled.get("checkinUrl");
		String page = line.base() + url.substring(url.indexOf("/c/"));

		openKeptOnThePhone(wait, page);

		network(false, line);
		try {
			checkInOffline(wait, 4);
			assertThat(browser.getPageSource()).as("the page itself, kept on the phone").contains("Hi Ash", "988");
			assertThat(checkIns(admin, clientId)).as("nothing has reached the server").isEmpty();

			browser.get(page + "/progress");
			assertThat(browser.getPageSource()).as("a page never opened: the crisis lines").contains("You are offline",
					"tel:988");
			browser.navigate().back();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-form")));
		}
		finally {
			network(true, line);
		}
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("offline-status"), "was sent"));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(checkIns(admin, clientId))
			.singleElement().satisfies(checkIn -> assertThat(checkIn).containsEntry("craving", 4)
				.containsEntry("channel", "WEB")));
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-form")));
		assertThat(checkIns(admin, clientId)).as("sent once").hasSize(1);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> checkIns(RestClient admin, String clientId) {
		return admin.get().uri("/api/clients/{id}/checkins", clientId).retrieve().body(List.class);
	}
}
