package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.events.AlertEvent;
import app.lantern.events.AlertState;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Severity;
import app.lantern.events.Topics;
import app.lantern.testsupport.SharedInfrastructure;
import app.lantern.testsupport.TwilioDouble;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.web.client.RestClient;

/**
 * The real console in headless Chromium (Debian's, driven by Debian's chromedriver) against the three services,
 * with Twilio's API a double: a new case manager runs a client from enrolment to discharge (the welcome with the
 * link reaches Twilio), another programme's staff see none of it, and an ADMIN reads each step in the audit
 * trail; staff watch a high craving appear in the queue without a reload; every page passes axe-core with no
 * serious or critical violation, by keyboard and at a phone's width; screenshots of the demo data for docs/.
 * Skipped only where Chromium is not installed (.ci/run installs it).
 */
@org.junit.jupiter.api.Order(1)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
// the first class on the platform: the screenshots show the demo data, not other test classes' clients
class ConsoleInABrowserTest extends InABrowser {

	@Test
	void staffSeeAHighCravingArriveInTheQueueWithoutReloadingAndAcknowledgeItWithANote() throws Exception {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		signIn(wait);
		String clientId = enrol("Morgan", "+12025550181");

		browser.get(base + "/alerts");
		wait.until(ExpectedConditions.titleContains("Alert queue"));
		// the stream is open and its first fetch is done: from now on only a push brings a new row
		wait.until(ExpectedConditions.attributeToBe(By.id("alert-rows"), "data-opened", "1"));
		checkIn(clientId, 9);

		var row = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//tbody[@id='alert-rows']/tr[td/a[text()='Morgan'] and td[@data-type='HIGH_CRAVING']]")));
		assertThat(row.getText()).contains("High craving").contains("New").doesNotContain("HIGH_CRAVING", "RAISED");
		WebElement queue = browser.findElement(By.id("alert-rows"));
		assertThat(queue.getDomAttribute("data-pushed")).as("the row came with a push").isNotNull();
		assertThat(queue.getDomAttribute("data-opened")).as("not with a reconnection's fetch").isEqualTo("1");
		row.findElement(By.xpath(".//input[@name='note']")).sendKeys("Called them; talking it through");
		row.findElement(By.xpath(".//button[text()='Acknowledge']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//tbody[@id='alert-rows']/tr[td/a[text()='Morgan'] and td[@data-state='ACKNOWLEDGED']]")));
		assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("Alert acknowledged.");

		// two more clients, so that the caseload shows what staff see on a working day
		String avery = enrol("Avery", "+12025550183");
		for (int craving : new int[] { 2, 3, 5, 4, 6 }) {
			checkIn(avery, craving);
		}
		enrol("Sasha", "+12025550184");
		browser.get(base + "/");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//a[text()='Morgan']")));
		List<String> rows = browser.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
		int morgan = indexOf(rows, "Morgan");
		assertThat(morgan).as("the client with an open alert comes before those without: %s", rows)
			.isLessThan(indexOf(rows, "Avery")).isLessThan(indexOf(rows, "Sasha"));
		assertThat(List.of(browser.getTitle())).containsExactly("Caseload · Lantern");
	}

	/**
	 * A new case manager on day one: enrols a client (typing the phone as the client says it; the welcome with the
	 * check-in link reaches Twilio), changes the alert level and coping plan, adds and changes a contact, records
	 * and revokes a consent, pauses, resumes and discharges — each from the client page, each shown at once. A staff
	 * user of another programme finds none of it; the ADMIN reads every step in the audit trail.
	 */
	@Test
	void aNewCaseManagerRunsAClientFromEnrolmentToDischargeAndAnAdminReadsEveryStep() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		signIn(wait);
		browser.get(base + "/clients/new");
		type("displayName", "Rowan");
		type("phone", "(202) 555-0176");
		browser.findElement(By.id("copingPlan")).sendKeys("Call Sam\nWalk round the block");
		browser.findElement(By.xpath("//button[text()='Enrol']")).click();
		wait.until(ExpectedConditions.urlMatches(".*/clients/[0-9a-f-]{36}$"));
		String clientId = browser.getCurrentUrl().replaceAll(".*/clients/", "");
		String link = browser.findElement(By.cssSelector("p.link a")).getText();
		assertThat(link).contains("/c/");
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(smsTo("+12025550176"))
			.singleElement().asString().contains(link).contains("Reply HELP").contains("STOP"));

		open("Details: name, phone, e-mail, time zone, alert level, coping plan");
		WebElement threshold = browser.findElement(By.id("cravingThreshold"));
		threshold.clear();
		threshold.sendKeys("6");
		WebElement plan = browser.findElement(By.id("copingPlan"));
		plan.clear();
		plan.sendKeys("Text Sam\nMake tea and wait ten minutes");
		click("Save details");
		assertThat(fact("Alert at a craving of")).isEqualTo("6 or more");
		assertThat(fact("Coping plan")).contains("Make tea and wait ten minutes");

		open("Add a contact");
		WebElement add = browser.findElement(By.xpath("//summary[text()='Add a contact']/.."));
		add.findElement(By.name("name")).sendKeys("Sam");
		add.findElement(By.name("phone")).sendKeys("202-555-0177");
		add.findElement(By.xpath(".//button[text()='Add contact']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//article[@class='contact']//h3/span[text()='Sam']")));
		open("Change or remove this contact");
		WebElement change = browser.findElement(By.xpath("//summary[text()='Change or remove this contact']/.."));
		WebElement name = change.findElement(By.name("name"));
		name.clear();
		name.sendKeys("Sam Ortiz");
		change.findElement(By.name("quietStart")).sendKeys("1000PM");
		change.findElement(By.name("quietEnd")).sendKeys("0700AM");
		change.findElement(By.xpath(".//button[text()='Save contact']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//h3/span[text()='Sam Ortiz']")));
		assertThat(browser.findElement(By.cssSelector("article.contact")).getText()).contains("quiet 10:00 PM to 7:00 AM");

		open("Record a consent");
		browser.findElement(By.cssSelector("input[name=alertTypes][value=HIGH_CRAVING]")).click();
		click("Record consent");
		assertThat(browser.findElement(By.cssSelector("article.contact ul.plain")).getText())
			.contains("In force: High craving").contains("support in recovery").contains("until discharge");
		click("Revoke");
		assertThat(browser.findElement(By.cssSelector("article.contact ul.plain")).getText()).contains("Not in force")
			.contains("revoked");

		open("Pause, resume or discharge");
		click("Pause check-ins");
		assertThat(fact("Status")).startsWith("Paused");
		open("Pause, resume or discharge");
		click("Resume check-ins");
		assertThat(fact("Status")).startsWith("Active");
		open("Pause, resume or discharge");
		click("Discharge (ends consents given “until discharge”)");
		assertThat(fact("Status")).startsWith("Discharged");

		// a staff user of another programme: the client is not there (404), not in their caseload
		String eastside = "east-" + UUID.randomUUID().toString().substring(0, 6);
		api().post().uri("/api/programmes").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("id", eastside, "name", "Eastside", "timezone", "America/Chicago")).retrieve().toBodilessEntity();
		String other = eastside + "-staff";
		api().post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", other, "password", "a long enough password", "role", "STAFF", "programmes",
					List.of(eastside)))
			.retrieve().toBodilessEntity();
		var theirApi = RestClient.builder().baseUrl(base)
			.defaultHeaders(headers -> headers.setBasicAuth(other, "a long enough password"))
			.defaultStatusHandler(status -> true, (request, response) -> {
			}).build();
		assertThat(theirApi.get().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity().getStatusCode().value())
			.isEqualTo(404);
		signIn(wait, other, "a long enough password");
		assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Rowan");
		browser.get(base + "/clients/" + clientId);
		assertThat(browser.getPageSource()).doesNotContain("Rowan").contains("404");

		signIn(wait);
		browser.get(base + "/audit?clientId=" + clientId);
		String trail = browser.findElement(By.tagName("table")).getText();
		assertThat(trail).contains("Enrolled", "Client changed", "Contact added", "Contact changed", "Consent given",
				"Consent revoked", "Status changed", "Viewed record").doesNotContain("Sam Ortiz", "555-0176");
		assertThat(browser.findElements(By.xpath("//td[text()='Status changed']"))).hasSize(3);
	}

	/**
	 * Every console page, loaded with the demo data the local stack loads: axe-core finds no serious or critical
	 * violation; at a phone's width nothing runs off the side; the skip link is the first stop of the keyboard.
	 * The screenshots of docs/ are taken here.
	 */
	@Test
	@org.junit.jupiter.api.Order(1) // first, so that the screenshots show the demo data alone
	void everyPageIsUsableByKeyboardAndOnAPhoneWithNoSeriousAccessibilityViolation() throws Exception {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		app.lantern.local.DemoData.load(base, "admin", RunningPlatform.ADMIN_PASSWORD);
		String jordan = (String) ((List<Map<String, Object>>) api().get().uri("/api/clients?q=Jordan").retrieve()
			.body(List.class)).get(0).get("id");
		for (int craving : new int[] { 3, 5, 4, 9 }) {
			checkIn(jordan, craving);
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> !api().get().uri("/api/alerts?clientId={id}", jordan)
			.retrieve().body(List.class).isEmpty());
		signIn(wait);
		Path screenshots = Path.of("target", "screenshots");
		Files.createDirectories(screenshots);
		Map<String, String> pages = new java.util.LinkedHashMap<>();
		pages.put("caseload", "/");
		pages.put("client", "/clients/" + jordan);
		pages.put("alerts", "/alerts");
		pages.put("audit", "/audit");
		pages.put("board", "/board");
		pages.put("enrol", "/clients/new");
		pages.put("on-call", "/on-call");
		pages.put("sandbox", "/sandbox");
		pages.put("follow-ups", "/follow-ups");
		pages.put("reports", "/reports");
		pages.put("policy", "/programmes/default/policy");
		pages.put("account", "/account/security");
		Map<String, List<String>> violations = new java.util.LinkedHashMap<>();
		for (var page : pages.entrySet()) {
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
			browser.get(base + page.getValue());
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
			violations.put(page.getKey(), Axe.seriousViolations(browser));
			if (List.of("caseload", "client", "alerts", "audit").contains(page.getKey())) {
				screenshot(screenshots.resolve(page.getKey() + ".png"));
			}
			browser.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
			assertThat(browser.switchTo().activeElement().getText()).as(page.getKey() + ": the first Tab")
				.isEqualTo("Skip to the page");
			browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
			browser.navigate().refresh();
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
			Number overflow = (Number) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
					"return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
			assertThat(overflow.intValue()).as(page.getKey() + " at a phone's width runs off the side").isLessThanOrEqualTo(1);
		}
		browser.manage().deleteAllCookies();
		browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
		browser.get(base + "/login");
		violations.put("login", Axe.seriousViolations(browser));
		assertThat(violations).allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
	}

	private static void screenshot(Path file) throws java.io.IOException {
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(file)).isGreaterThan(10_000);
	}

	/** Opens a closed {@code <details>} by its summary (the first closed one with this text). */
	private static void open(String summary) {
		browser.findElement(By.xpath("//details[not(@open)]/summary[text()='" + summary + "']")).click();
	}

	/** Clicks a button by its words and waits for the page it leads to. */
	private static void click(String words) {
		WebElement button = browser.findElement(By.xpath("//button[normalize-space()='" + words + "']"));
		button.click();
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> gone(button));
	}

	/**
	 * Whether the page the element was on has gone. Chromium sometimes answers for an element of a page being
	 * replaced that its node "does not belong to the document" rather than that it is stale: gone, either way.
	 */
	private static boolean gone(WebElement element) {
		try {
			element.isEnabled();
			return false;
		}
		catch (org.openqa.selenium.StaleElementReferenceException ex) {
			return true;
		}
		catch (org.openqa.selenium.WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/** What the client page's facts say under one heading. */
	private static String fact(String term) {
		return browser.findElement(By.xpath("//dl[@class='facts']/dt[text()='" + term + "']/following-sibling::dd[1]"))
			.getText();
	}

	private static List<String> smsTo(String phone) {
		return TwilioDouble.textsTo(twilio, phone);
	}

	/**
	 * Two checkin-service instances behind one host name, as a load balancer shows them: a browser signed in on
	 * one works on the other (the session is in PostgreSQL), and with the alerts topic's partitions split between
	 * the instances, an alert from every partition appears live in the queue open on each.
	 */
	@Test
	void aSignedInBrowserWorksOnEitherInstanceAndSeesEveryAlertLiveOnBoth() throws Exception {
		try (ConfigurableApplicationContext other = platform.anotherCheckinInstance()) {
			String otherBase = RunningPlatform.baseUrl(other);
			KafkaListenerEndpointRegistry here = platform.checkin.getBean(KafkaListenerEndpointRegistry.class);
			KafkaListenerEndpointRegistry there = other.getBean(KafkaListenerEndpointRegistry.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> held(here) > 0 && held(there) > 0);
			String clientId = enrol("Quinn", "+12025550185");

			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
			browser.manage().deleteAllCookies();
			signIn(wait);
			// the same browser, the other instance: still signed in
			browser.get(otherBase + "/alerts");
			wait.until(ExpectedConditions.titleContains("Alert queue"));
			wait.until(ExpectedConditions.attributeToBe(By.id("alert-rows"), "data-opened", "1"));
			String thereTab = browser.getWindowHandle();
			browser.switchTo().newWindow(WindowType.TAB);
			browser.get(base + "/alerts");
			wait.until(ExpectedConditions.attributeToBe(By.id("alert-rows"), "data-opened", "1"));
			String hereTab = browser.getWindowHandle();

			List<AlertType> types = List.of(AlertType.HIGH_CRAVING, AlertType.REPORTED_USE, AlertType.CRISIS);
			int partitions = partitionsOf(Topics.ALERTS);
			for (int partition = 0; partition < partitions; partition++) {
				AlertType type = types.get(partition % types.size());
				publishAlert(partition, clientId, type);
				for (String tab : List.of(hereTab, thereTab)) {
					browser.switchTo().window(tab);
					wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(
							"//tbody[@id='alert-rows']/tr[td/a[text()='Quinn'] and td[@data-type='" + type + "']]")));
					assertThat(browser.findElement(By.id("alert-rows")).getDomAttribute("data-opened"))
						.as("shown by a push, not a reconnection").isEqualTo("1");
				}
			}
			// and a form the other instance drew is accepted there (its CSRF token lives in the shared session): the
			// acknowledgement goes to the rules engine, and the browser is sent back to the queue
			browser.switchTo().window(thereTab);
			browser.findElement(By.xpath("//tbody[@id='alert-rows']/tr[td/a[text()='Quinn'] and td[@data-type='CRISIS']]"
					+ "//button[text()='Acknowledge']")).click();
			wait.until(ExpectedConditions.urlToBe(otherBase + "/alerts"));
			assertThat(browser.getTitle()).contains("Alert queue");
			browser.switchTo().window(hereTab);
			browser.close();
			browser.switchTo().window(thereTab);
		}
	}

	/** Signs in as the admin on the first instance, through the login form. */
	static void signIn(WebDriverWait wait) {
		signIn(wait, "admin", RunningPlatform.ADMIN_PASSWORD);
	}

	private static int held(KafkaListenerEndpointRegistry registry) {
		var assigned = registry.getListenerContainer("checkin-alerts").getAssignedPartitions();
		return assigned == null ? 0 : assigned.size();
	}

	private static int partitionsOf(String topic) {
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			return producer.partitionsFor(topic).size();
		}
	}

	private static void publishAlert(int partition, String clientId, AlertType type) throws Exception {
		AlertEvent alert = AlertEvent.of(UUID.randomUUID(), clientId, type, Severity.HIGH, 1, AlertState.RAISED,
				"rule " + type, Instant.now(), null, Instant.now());
		try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(Topics.ALERTS, partition, clientId, EventJson.writeString(alert))).get();
		}
	}

	private static int indexOf(List<String> rows, String name) {
		for (int i = 0; i < rows.size(); i++) {
			if (rows.get(i).startsWith(name + " ")) {
				return i;
			}
		}
		throw new AssertionError(name + " is not in the caseload: " + rows);
	}

	private static RestClient api() {
		return as("admin", RunningPlatform.ADMIN_PASSWORD);
	}

	private static void checkIn(String clientId, int craving) {
		api().post().uri("/api/checkins").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("clientId", clientId, "craving", craving)).retrieve().toBodilessEntity();
	}

	private static String enrol(String name, String phone) {
		Map<?, ?> created = api().post().uri("/api/clients").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("displayName", name, "phone", phone, "timezone", "America/New_York", "schedule",
					Map.of("dueTimes", List.of("09:00", "21:00"), "graceMinutes", 60, "reminderMinutesBefore", 30),
					"cravingThreshold", 8, "copingPlan", List.of("Call my sponsor")))
			.retrieve().body(Map.class);
		return (String) created.get("id");
	}

	private static void type(String id, String text) {
		browser.findElement(By.id(id)).sendKeys(text);
	}
}
