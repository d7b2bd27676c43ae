package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.testsupport.Enrolments;
import app.lantern.testsupport.TwilioDouble;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * What a programme's privacy officer asks to see before real clients come on, in the real browser against the three
 * services (Twilio's API a double): a client signs a consent on their own page and only then is their sponsor told of
 * a craving; staff remove the sponsor; the client stops another consent from the page; the accounting of
 * disclosures still names the removed sponsor as told, the client's own acts are in the audit trail as theirs, and
 * the audit chain verifies. Skipped only where Chromium is not installed (.ci/run installs it).
 */
class PrivacyOfficerInABrowserTest extends InABrowser {

	private static final String PASSWORD = "a long enough password";

	@Test
	void aClientSignsAndStopsConsentsOnTheirPageAndTheAccountingStillNamesARemovedSponsor() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		RestClient admin = as("admin", RunningPlatform.ADMIN_PASSWORD);
		String officer = "privacy-" + UUID.randomUUID().toString().substring(0, 8);
		admin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", officer, "password", PASSWORD, "role", "ADMIN")).retrieve().toBodilessEntity();
		RestClient api = as(officer, PASSWORD);
		String samPhone = "+12025550191";
		Map<?, ?> enrolled = api.post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(Enrolments.client("Jordan", "+12025550190")).retrieve().body(Map.class);
		String clientId = (String) enrolled.get("id");
		// the link as the client's phone opens it, on this platform's port
		String page = base + java.net.URI.create((String) enrolled.get("checkinUrl")).getPath();
		String sam = Enrolments.addSponsor(api, clientId, "Sam", samPhone);
		String samConsent = (String) api.post().uri("/api/clients/{id}/contacts/{c}/consents", clientId, sam)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("alertTypes", List.of("HIGH_CRAVING"), "purpose", "support in recovery", "expiresOn",
					"2099-12-31", "signature", "CLIENT_PAGE"))
			.retrieve().body(Map.class).get("id");
		Enrolments.optIn(api, clientId, sam, "SMS");
		String kim = Enrolments.addContact(api, clientId,
				Map.of("name", "Kim", "role", "COUNSELOR", "phone", "+12025550192", "channels", List.of("SMS"), "tier", 1));
		Enrolments.consent(api, clientId, kim, "MISSED_CHECKIN");

		// the client signs Sam's consent on their own page
		browser.get(page + "/consents");
		WebElement samSection = section("Sam");
		samSection.findElement(By.id("signature-" + samConsent)).sendKeys("Jordan Lee");
		samSection.findElement(By.name("agree")).click();
		samSection.findElement(By.xpath(".//button[text()='Sign']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[text()='Stop telling Sam']")));
		assertThat(section("Sam").getText()).contains("Jordan Lee");

		// a craving: Sam is told, once
		api.post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", 9)).retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(60)).until(() -> TwilioDouble.textsTo(twilio, samPhone).stream()
			.anyMatch(text -> text.startsWith("Lantern: Jordan")));

		// staff remove Sam; the client stops Kim's consent from their page
		signIn(wait, officer, PASSWORD);
		browser.get(base + "/clients/" + clientId);
		WebElement samCard = browser.findElement(By.xpath("//article[@class='contact'][.//h3/span[text()='Sam']]"));
		samCard.findElement(By.xpath(".//summary[text()='Change or remove this contact']")).click();
		samCard.findElement(By.xpath(".//button[text()='Remove this contact']")).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//article[@class='contact']//h3/span[text()='Sam']")));
		browser.get(page + "/consents");
		section("Kim").findElement(By.xpath(".//button[text()='Stop telling Kim']")).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//button[text()='Stop telling Kim']")));

		// what the privacy officer reads
		browser.get(base + "/clients/" + clientId);
		assertThat(browser.findElement(By.id("disclosures-heading")).findElement(By.xpath("..")).getText())
			.as("the disclosure log on the client page").contains("Sam");
		String accounting = api.get().uri("/api/clients/{id}/disclosures.csv", clientId).retrieve().body(String.class);
		assertThat(accounting.lines().filter(line -> line.contains(",Sam,SPONSOR,SMS,HIGH_CRAVING,")))
			.as("the removed sponsor, as told: %s", accounting).hasSize(1);
		List<Map<String, Object>> trail = api.get().uri("/api/audit?clientId={id}", clientId).retrieve()
			.body(Staff.LIST);
		assertThat(trail).filteredOn(line -> "client".equals(line.get("actor")))
			.extracting(line -> line.get("action"))
			.contains("CONSENT_SIGNED", "CONSENT_REVOKED");
		// the chain is made after each line's commit, within about a second
		Map<?, ?> chain = await().atMost(Duration.ofSeconds(30))
			.until(() -> api.get().uri("/api/audit/verify").retrieve().body(Map.class),
					verdict -> ((Number) verdict.get("pending")).intValue() == 0);
		assertThat(chain.get("intact")).as("the audit chain: %s", chain).isEqualTo(true);
	}

	/** The client page's section about one person who may be told. */
	private static WebElement section(String name) {
		return browser.findElement(By.xpath("//section[@class='consent'][h2[starts-with(text(), '" + name + "')]]"));
	}
}
