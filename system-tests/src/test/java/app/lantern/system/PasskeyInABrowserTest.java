package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A passkey in the real browser, through Chromium's virtual authenticator (a platform authenticator that verifies
 * its user): a staff user adds one on their account page, signs in with it alone, is asked for it after their
 * password from then on, and — once an ADMIN disables them — their open session is refused at its next request and
 * the passkey signs them in no more. Skipped only where Chromium is not installed (.ci/run installs it).
 */
class PasskeyInABrowserTest extends InABrowser {

	@Test
	void aStaffUserAddsAPasskeySignsInWithItAloneAndADisabledUsersSessionIsRefusedAtItsNextRequest() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		VirtualAuthenticator authenticator = browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
			.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true));
		String staff = "keyholder-" + UUID.randomUUID().toString().substring(0, 8);
		String password = "a long enough password";
		admin().post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", staff, "password", password, "role", "STAFF", "programmes", List.of("default")))
			.retrieve().toBodilessEntity();

		signIn(wait, staff, password);
		browser.get(base + "/account/security");
		assertThat(browser.getPageSource()).contains("You have no passkey yet");
		browser.findElement(By.id("passkey-label")).sendKeys("work laptop");
		browser.findElement(By.id("passkey-add")).click();
		wait.until(ExpectedConditions.urlContains("/account/security?passkey"));
		assertThat(browser.findElement(By.cssSelector("main table")).getText()).contains("work laptop");
		assertThat(authenticator.getCredentials()).hasSize(1);

		// a passkey alone signs in
		signOut(wait);
		browser.findElement(By.id("passkey-signin")).click();
		wait.until(ExpectedConditions.titleContains("Caseload"));

		// and from now on the password alone does not
		signOut(wait);
		browser.findElement(By.name("username")).sendKeys(staff);
		browser.findElement(By.name("password")).sendKeys(password);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.titleContains("One more step"));
		browser.get(base + "/alerts");
		assertThat(browser.getTitle()).as("nothing else until the second step").contains("One more step");
		browser.findElement(By.id("passkey-signin")).click();
		wait.until(ExpectedConditions.titleContains("Caseload"));
		browser.get(base + "/alerts");
		assertThat(browser.getTitle()).contains("Alert queue");

		admin().post().uri("/api/staff/{u}/disable", staff).retrieve().toBodilessEntity();
		browser.get(base + "/alerts");
		assertThat(browser.getTitle()).as("the open session ended").isEqualTo("Sign in · Lantern");
		browser.findElement(By.id("passkey-signin")).click();
		wait.until(ExpectedConditions.urlContains("/login?error"));
		assertThat(browser.getTitle()).as("a disabled account's passkey signs no one in").isEqualTo("Sign in · Lantern");
	}

	private static void signOut(WebDriverWait wait) {
		browser.findElement(By.xpath("//button[text()='Sign out']")).click();
		wait.until(ExpectedConditions.titleIs("Sign in · Lantern"));
	}

	private static RestClient admin() {
		return as("admin", RunningPlatform.ADMIN_PASSWORD);
	}
}
