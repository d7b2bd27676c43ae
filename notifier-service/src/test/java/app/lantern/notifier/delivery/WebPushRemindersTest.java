package app.lantern.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Cipher;

import app.lantern.events.ClientMessage;
import app.lantern.events.ClientProfile;
import app.lantern.events.ClientStatus;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.LanternInfrastructure;
import app.lantern.testsupport.TopicRecords;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.HttpEce;
import nl.martijndwars.webpush.Utils;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reminder to a client who allowed notifications, sent through the web-push library to a push service of this
 * test's own, which decrypts what it is sent with the library's own content encoding and the browser's private
 * key: the reminder's words arrive, signed with the deployment's VAPID key, once — and no text. A push service that
 * refuses it, or that takes the connection and never answers, and the reminder goes by SMS.
 */
@SpringBootTest
@LanternInfrastructure
class WebPushRemindersTest {

	/** The tests' VAPID public key (config/application.properties). */
	private static final String VAPID_PUBLIC = "BP3XGDMIr4W5mXX--QgQ00oVfDWmjhMqkBITtRX0kCg0qumfJnUkBuMcwxq2A8rbQcGlSfGY-ddV-YGofeJYlh0";

	static WireMockServer pushService;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void startThePushService() {
		pushService = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		pushService.start();
		pushService.stubFor(post(urlEqualTo("/push/taken")).willReturn(aResponse().withStatus(201)));
		pushService.stubFor(post(urlEqualTo("/push/refused")).willReturn(aResponse().withStatus(500)));
	}

	@AfterAll
	static void stopThePushService() {
		pushService.stop();
	}

	@Test
	void aReminderReachesTheBrowserEncryptedAndSignedOnceAndNoTextGoes() throws Exception {
		Browser browser = Browser.make();
		String client = "c-" + UUID.randomUUID();
		String phone = "+12025550113";
		publishProfile(client, phone, browser.subscription("http://localhost:" + pushService.port() + "/push/taken"));
		ClientMessage reminder = new ClientMessage(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), client,
				ClientMessage.Kind.CHECKIN_REMINDER, Instant.now().plusSeconds(1800));
		publish(client, reminder);
		publish(client, reminder);

		await().atMost(Duration.ofSeconds(20)).until(() -> pushes("/push/taken").size() >= 1);
		LoggedRequest pushed = pushes("/push/taken").get(0);
		assertThat(pushed.getHeader("Content-Encoding")).isEqualTo("aes128gcm");
		assertThat(pushed.getHeader("TTL")).isEqualTo("86400");
		assertThat(pushed.getHeader("Authorization")).startsWith("vapid t=").endsWith(", k=" + VAPID_PUBLIC);
		String jwtClaims = new String(Base64.getUrlDecoder().decode(pushed.getHeader("Authorization").split("\\.")[1]),
				StandardCharsets.UTF_8);
		// the audience is the push service's origin as the library writes it: scheme and host (a real one's port is
		// the default)
		assertThat(jwtClaims).contains("\"aud\":\"http://localhost\"", "\"sub\":\"mailto:tests@lantern.example.org\"");
		Map<?, ?> shown = EventJson.read(browser.decrypt(pushed.getBody()), Map.class);
		assertThat(shown.get("title")).isEqualTo("Lantern");
		assertThat(shown.get("tag")).isEqualTo("REMINDER");
		assertThat((String) shown.get("body")).startsWith("Lantern: time to check in");

		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
			.until(() -> pushes("/push/taken").size() == 1 && texts(phone).isEmpty());
	}

	@Test
	void aPushServiceThatRefusesTheReminderAndItGoesByText() throws Exception {
		String client = "c-" + UUID.randomUUID();
		String phone = "+12025550114";
		publishProfile(client, phone, Browser.make().subscription("http://localhost:" + pushService.port() + "/push/refused"));
		publish(client, new ClientMessage(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), client,
				ClientMessage.Kind.CHECKIN_REMINDER, Instant.now().plusSeconds(1800)));

		await().atMost(Duration.ofSeconds(20)).until(() -> texts(phone),
				texts -> texts.size() == 1 && texts.get(0).startsWith("Lantern: time to check in"));
		assertThat(pushes("/push/refused")).hasSize(1);
	}

	/** A push service that takes the connection and never answers: the reminder goes by text after the wait. */
	@Test
	void aPushServiceThatHangsAndTheReminderGoesByText() throws Exception {
		List<Socket> held = new CopyOnWriteArrayList<>();
		try (ServerSocket silent = new ServerSocket(0)) {
			Thread taker = new Thread(() -> {
				while (!silent.isClosed()) {
					try {
						held.add(silent.accept());
					}
					catch (Exception closed) {
						return;
					}
				}
			});
			taker.setDaemon(true);
			taker.start();
			String client = "c-" + UUID.randomUUID();
			String phone = "+12025550115";
			publishProfile(client, phone, Browser.make().subscription("http://localhost:" + silent.getLocalPort() + "/push/x"));
			publish(client, new ClientMessage(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), client,
					ClientMessage.Kind.CHECKIN_REMINDER, Instant.now().plusSeconds(1800)));

			await().atMost(Duration.ofSeconds(25)).until(() -> texts(phone).size() == 1);
			assertThat(held).as("the push service was reached").isNotEmpty();
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	/** A browser's push keys, as PushManager.subscribe makes them; and what it would decrypt. */
	private record Browser(KeyPair keys, byte[] auth) {

		static Browser make() throws Exception {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("ECDH", "BC");
			generator.initialize(ECNamedCurveTable.getParameterSpec("prime256v1"));
			byte[] auth = new byte[16];
			new SecureRandom().nextBytes(auth);
			return new Browser(generator.generateKeyPair(), auth);
		}

		ClientProfile.PushSubscription subscription(String endpoint) {
			Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
			return new ClientProfile.PushSubscription(endpoint,
					base64url.encodeToString(Utils.encode((ECPublicKey) keys.getPublic())), base64url.encodeToString(auth));
		}

		/** The push's body decrypted (RFC 8291, aes128gcm) with the library's own content encoding. */
		String decrypt(byte[] body) throws Exception {
			byte[][] header = new HttpEce().parseHeader(body);
			ECPublicKey sender = (ECPublicKey) Utils.loadPublicKey(header[2]);
			HttpEce ece = new HttpEce(Map.of("sender", new KeyPair(sender, keys.getPrivate())), Map.of("sender", "P-256"));
			byte[][] keyAndNonce = ece.deriveKeyAndNonce(header[0], null, "sender", (ECPublicKey) keys.getPublic(), auth,
					Encoding.AES128GCM, Cipher.DECRYPT_MODE);
			return new String(ece.decryptRecord(header[3], keyAndNonce[0], keyAndNonce[1], Encoding.AES128GCM),
					StandardCharsets.UTF_8);
		}
	}

	private void publishProfile(String client, String phone, ClientProfile.PushSubscription subscription) {
		Instant now = Instant.now();
		var profile = new ClientProfile(UUID.randomUUID(), now, 1, client, 1, "Jordan", phone, ClientStatus.ACTIVE,
				ZoneId.of("America/New_York"), new ClientProfile.Schedule(List.of(LocalTime.of(9, 0)), 60, 30, now), 8,
				false, now, List.of(), null, null, null, null, null, null, List.of(subscription));
		TopicRecords.publish(Topics.CLIENT_PROFILES, client, EventJson.writeString(profile));
		await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from client_profile where client_id = ?")
			.param(client).query(Integer.class).single() == 1);
	}

	private static void publish(String client, ClientMessage message) {
		TopicRecords.publish(Topics.CLIENT_MESSAGES, client, EventJson.writeString(message));
	}

	private static List<LoggedRequest> pushes(String path) {
		return pushService.findAll(postRequestedFor(urlEqualTo(path)));
	}

	private List<String> texts(String phone) {
		return jdbc.sql("select body from sandbox_message where address = ? order by id").param(phone)
			.query(String.class).list();
	}
}
