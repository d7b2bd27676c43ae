package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.web.client.RestClient;

/**
 * The real console in headless Chromium (Debian's, driven by Debian's chromedriver) against the three
 * services: sign in, enrol, add a contact and their consent, watch a high craving appear in the queue
 * without a reload, acknowledge it; and a screenshot of the caseload. Skipped only where Chromium is not
 * installed (.ci/run installs it).
 */
@org.junit.jupiter.api.Order(2)
class ConsoleInABrowserTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static RunningPlatform platform;

	private static WebDriver browser;

	private static String base;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Debian's chromium and chromium-driver are not installed");
		platform = RunningPlatform.start();
		base = RunningPlatform.baseUrl(platform.checkin);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900",
				"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort().build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (platform != null) {
			platform.close();
		}
	}

	@Test
	void staffEnrolAClientAddTheirSponsorAndAcknowledgeTheirHighCravingWithoutReloading() throws Exception {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		signIn(wait);

		browser.get(base + "/clients/new");
		type("displayName", "Morgan");
		type("phone", "+12025550181");
		browser.findElement(By.id("dueTimes")).clear();
		type("dueTimes", "09:00");
		browser.findElement(By.id("copingPlan")).sendKeys("Call Sam\nWalk round the block");
		browser.findElement(By.xpath("//button[text()='Enrol']")).click();
		wait.until(ExpectedConditions.urlMatches(".*/clients/[0-9a-f-]{36}$"));
		String clientId = browser.getCurrentUrl().replaceAll(".*/clients/", "");

		browser.findElement(By.xpath("//summary[text()='Add a contact']")).click();
		browser.findElement(By.name("name")).sendKeys("Sam");
		browser.findElement(By.name("phone")).sendKeys("+12025550182");
		browser.findElement(By.xpath("//button[text()='Add contact']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//td[text()='Sam']")));

		browser.findElement(By.xpath("//summary[text()='Grant consent']")).click();
		browser.findElement(By.cssSelector("input[name=alertTypes][value=HIGH_CRAVING]")).click();
		browser.findElement(By.name("expiresOn")).sendKeys("12312099");
		browser.findElement(By.xpath("//button[text()='Record consent']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//strong[text()='active']")));
		browser.findElement(By.xpath("//button[text()='They confirmed SMS to me']")).click();
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//button[text()='They confirmed SMS to me']")));

		browser.get(base + "/alerts");
		wait.until(ExpectedConditions.titleContains("Alert queue"));
		// the stream is open and its first fetch is done: from now on only a push brings a new row
		wait.until(ExpectedConditions.attributeToBe(By.id("alert-rows"), "data-opened", "1"));
		checkIn(clientId, 9);

		var row = wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//tbody[@id='alert-rows']/tr[td/a[text()='Morgan'] and td[text()='HIGH_CRAVING']]")));
		assertThat(row.getText()).contains("RAISED");
		WebElement queue = browser.findElement(By.id("alert-rows"));
		assertThat(queue.getDomAttribute("data-pushed")).as("the row came with a push").isNotNull();
		assertThat(queue.getDomAttribute("data-opened")).as("not with a reconnection's fetch").isEqualTo("1");
		row.findElement(By.xpath(".//button[text()='Acknowledge']")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(
				By.xpath("//tbody[@id='alert-rows']/tr[td/a[text()='Morgan'] and td[text()='ACKNOWLEDGED']]")));

		// two more clients, so that the caseload shows what staff see on a working day
		String avery = enrol("Avery", "+12025550183");
		for (int craving : new int[] { 2, 3, 5, 4, 6 }) {
			checkIn(avery, craving);
		}
		enrol("Sasha", "+12025550184");
		checkIn(clientId, 8);
		browser.get(base + "/");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//a[text()='Morgan']")));
		List<String> rows = browser.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
		int morgan = indexOf(rows, "Morgan");
		assertThat(morgan).as("the client with an open alert comes before those without: %s", rows)
			.isLessThan(indexOf(rows, "Avery")).isLessThan(indexOf(rows, "Sasha"));
		Path screenshots = Path.of("target", "screenshots");
		Files.createDirectories(screenshots);
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Path caseload = screenshots.resolve("caseload.png");
		Files.copy(shot.toPath(), caseload, StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(caseload)).isGreaterThan(10_000);
		assertThat(List.of(browser.getTitle())).containsExactly("Caseload · Lantern");
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
							"//tbody[@id='alert-rows']/tr[td/a[text()='Quinn'] and td[text()='" + type + "']]")));
					assertThat(browser.findElement(By.id("alert-rows")).getDomAttribute("data-opened"))
						.as("shown by a push, not a reconnection").isEqualTo("1");
				}
			}
			// and a form the other instance drew is accepted there (its CSRF token lives in the shared session): the
			// acknowledgement goes to the rules engine, and the browser is sent back to the queue
			browser.switchTo().window(thereTab);
			browser.findElement(By.xpath("//tbody[@id='alert-rows']/tr[td/a[text()='Quinn'] and td[text()='CRISIS']]"
					+ "//button[text()='Acknowledge']")).click();
			wait.until(ExpectedConditions.urlToBe(otherBase + "/alerts"));
			assertThat(browser.getTitle()).contains("Alert queue");
			browser.switchTo().window(hereTab);
			browser.close();
			browser.switchTo().window(thereTab);
		}
	}

	/** Signs in as the admin on the first instance, through the login form. */
	private static void signIn(WebDriverWait wait) {
		browser.get(base + "/login");
		browser.findElement(By.name("username")).sendKeys("admin");
		browser.findElement(By.name("password")).sendKeys(RunningPlatform.ADMIN_PASSWORD);
		browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.titleContains("Caseload"));
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
		return RestClient.builder().baseUrl(base)
			.defaultHeaders(headers -> headers.setBasicAuth("admin", RunningPlatform.ADMIN_PASSWORD)).build();
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
