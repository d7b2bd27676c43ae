package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.web.client.RestClient;

/**
 * A test class in the real browser (headless {@link Chromium}) against the platform on Twilio's double
 * ({@link TwilioPlatform}): the browser is started for the class and quit after it. Skipped only where Chromium is
 * not installed (.ci/run installs it).
 */
@ExtendWith(TwilioPlatform.class)
abstract class InABrowser {

	static RunningPlatform platform;

	static WireMockServer twilio;

	static ChromeDriver browser;

	/** Where the first checkin-service instance answers. */
	static String base;

	@BeforeAll
	static void startTheBrowser() throws Exception {
		assumeTrue(Chromium.installed(), "Debian's chromium and chromium-driver are not installed");
		twilio = TwilioPlatform.twilio();
		platform = TwilioPlatform.platform();
		base = RunningPlatform.baseUrl(platform.checkin);
		browser = Chromium.start();
	}

	@AfterAll
	static void quitTheBrowser() {
		if (browser != null) {
			browser.quit();
			browser = null;
		}
	}

	/** Signs {@code username} in through the console's login form, a new browser session. */
	static void signIn(WebDriverWait wait, String username, String password) {
		browser.manage().deleteAllCookies();
		browser.get(base + "/login");
		assertThat(browser.getTitle()).isEqualTo("Sign in · Lantern");
		browser.findElement(By.name("username")).sendKeys(username);
		browser.findElement(By.name("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.titleContains("Caseload"));
	}

	/** The staff API as {@code username}, with HTTP Basic. */
	static RestClient as(String username, String password) {
		return RestClient.builder().baseUrl(base)
			.defaultHeaders(headers -> headers.setBasicAuth(username, password)).build();
	}

	/**
	 * No network at all: Chromium's own offline mode for the page (as its developer tools set it: the page knows it
	 * is offline), and the line cut for everything else the browser sends (its service worker's fetches).
	 */
	static void network(boolean on, CuttableLine line) {
		line.cut(!on);
		browser.executeCdpCommand("Network.enable", Map.of());
		browser.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", !on, "latency", 0,
				"downloadThroughput", -1, "uploadThroughput", -1));
	}

	/**
	 * Opens the client's page and waits until its service worker controls it (registered on the first load, in
	 * charge from the next): from then on the page comes back with no network.
	 */
	static void openKeptOnThePhone(WebDriverWait wait, String page) {
		browser.get(page);
		wait.until(driver -> Boolean.TRUE.equals(browser.executeAsyncScript(
				"var done = arguments[arguments.length - 1]; navigator.serviceWorker.ready.then(() => done(true));")));
		browser.navigate().refresh();
		wait.until(driver -> Boolean.TRUE.equals(browser.executeScript("return navigator.serviceWorker.controller != null;")));
	}

	/** With the network gone: the page again, a check-in of {@code craving} sent, and the page saying it is kept. */
	static void checkInOffline(WebDriverWait wait, int craving) {
		browser.navigate().refresh();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("checkin-form")));
		browser.executeScript("document.querySelector(\"input[name=craving][value='" + craving + "']\").checked = true;");
		browser.findElement(By.cssSelector("#checkin-form button.primary")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("offline-status"), "kept on this phone"));
	}
}
