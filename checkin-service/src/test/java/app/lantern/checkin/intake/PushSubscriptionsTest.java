package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.ClientPages;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.ClientProfile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The client's yes to reminders as notifications: the page offers it (with the deployment's VAPID key), the
 * browser's subscription is kept and carried in the profile to the notifier, a wrong one is refused naming the
 * field, a browser let go is dropped — and erasure takes them all.
 */
@CheckinServiceTest
class PushSubscriptionsTest {

	private static final String P256DH = "BP3XGDMIr4W5mXX--QgQ00oVfDWmjhMqkBITtRX0kCg0qumfJnUkBuMcwxq2A8rbQcGlSfGY-ddV-YGofeJYlh0";

	private static final String AUTH = "q0rxA_9bvyo9Hm6R6qg4Nw";

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aSubscriptionTheClientAllowsIsCarriedInTheirProfileUntilTheyLetItGo() {
		RestClient api = StaffApi.admin(port);
		String clientId = StaffApi.enrol(api, "Noor", TestPhones.next());
		String token = ClientPages.token(api, clientId);
		String page = StaffApi.anonymous(port).get().uri("/c/{t}", token).retrieve().body(String.class);
		assertThat(page).contains("id=\"push-offer\"", "data-key=\"" + P256DH + "\"",
				"Get your reminders as notifications on this phone?");
		String proof = ClientPages.proof(page);

		var wrong = push(token, Map.of("proof", proof, "subscription",
				Map.of("endpoint", "ftp://push.example.org/x", "keys", Map.of("p256dh", P256DH, "auth", "c2hvcnQ"))));
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("subscription.endpoint", "subscription.keys.auth")
			.doesNotContain("subscription.keys.p256dh");
		assertThat(subscriptions(clientId)).as("nothing stored half-way").isZero();
		assertThat(push(token, Map.of("proof", "forged", "subscription", Map.of())).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);

		String endpoint = "https://push.example.org/send/" + clientId;
		var allowed = push(token, Map.of("proof", proof, "subscription",
				Map.of("endpoint", endpoint, "keys", Map.of("p256dh", P256DH, "auth", AUTH))));
		assertThat(allowed.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		await().atMost(Duration.ofSeconds(20)).until(() -> ClientPages.latestProfile(clientId).pushSubscriptions(),
				held -> held.equals(List.of(new ClientProfile.PushSubscription(endpoint, P256DH, AUTH))));
		assertThat(api.get().uri("/api/audit?clientId={id}", clientId).retrieve().body(String.class))
			.contains("PUSH_ALLOWED").doesNotContain("push.example.org");

		var letGo = StaffApi.anonymous(port).method(HttpMethod.DELETE).uri("/c/{t}/push", token)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("endpoint", endpoint)).retrieve().toBodilessEntity();
		assertThat(letGo.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(20)).until(() -> ClientPages.latestProfile(clientId).pushSubscriptions().isEmpty());

		push(token, Map.of("proof", proof, "subscription",
				Map.of("endpoint", endpoint, "keys", Map.of("p256dh", P256DH, "auth", AUTH))));
		api.delete().uri("/api/clients/{id}", clientId).retrieve().toBodilessEntity();
		assertThat(subscriptions(clientId)).as("erased with the client").isZero();
	}

	private ResponseEntity<String> push(String token, Map<String, ?> body) {
		return StaffApi.anonymous(port).post().uri("/c/{t}/push", token).contentType(MediaType.APPLICATION_JSON)
			.body(body).retrieve().toEntity(String.class);
	}

	private int subscriptions(String clientId) {
		return jdbc.sql("select count(*) from push_subscription where client_id = ?::uuid").param(clientId)
			.query(Integer.class).single();
	}
}
