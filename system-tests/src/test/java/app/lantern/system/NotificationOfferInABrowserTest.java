package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page asks once whether to send reminders as notifications, in the real browser: the offer shows (the
 * deployment has a VAPID key and the browser can take pushes), a "no" puts it away, and it does not ask again. (A
 * yes subscribes through the browser's push service, which is not reachable here: the server's side of a push is
 * tested against a push service of the notifier's test's own.)
 */
class NotificationOfferInABrowserTest extends InABrowser {

	@Test
	void thePageAsksOnceAndANoIsKept() {
		Staff staff = TwilioPlatform.staff();
		String clientId = Enrolments.enrol(staff.api, Enrolments.client("Lee", "+12025550342"));
		String link = (String) staff.api.post().uri("/api/clients/{id}/link/rotate", clientId).retrieve()
			.body(Map.class).get("checkinUrl");
		String page = base + link.substring(link.indexOf("/c/"));
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

		browser.get(page);
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("push-offer")));
		assertThat(browser.findElement(By.id("push-offer")).getText())
			.contains("Get your reminders as notifications on this phone?");
		browser.findElement(By.id("push-no")).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("push-offer")));

		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-form")));
		assertThat(browser.findElement(By.id("push-offer")).isDisplayed()).as("asked once").isFalse();
	}
}
