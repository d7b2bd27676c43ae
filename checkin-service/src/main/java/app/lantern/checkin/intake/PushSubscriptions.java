package app.lantern.checkin.intake;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.registry.ProfilePublisher;
import app.lantern.checkin.web.FieldChecks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The browsers a client allowed to show their reminders as notifications: kept (at most {@link #MOST} a client, the
 * oldest let go), carried in the client's profile to the notifier, removed when the page says the browser let go —
 * each change audited as the client's own, without the endpoint. Erased with the client.
 */
@Service
class PushSubscriptions {

	static final int MOST = 5;

	private final JdbcClient jdbc;

	private final ProfilePublisher profiles;

	private final AuditTrail audit;

	private final Clock clock;

	PushSubscriptions(JdbcClient jdbc, ProfilePublisher profiles, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.profiles = profiles;
		this.audit = audit;
		this.clock = clock;
	}

	/** What the page sends: its proof and the browser's {@code PushSubscription.toJSON()}. */
	record Subscribing(String proof, Subscription subscription) {
	}

	/** As the browser writes it: {@code {"endpoint", "keys": {"p256dh", "auth"}}}. */
	record Subscription(String endpoint, Keys keys) {
	}

	record Keys(String p256dh, String auth) {
	}

	/** Keeps the subscription (checked first, naming each wrong field) and publishes the profile that carries it. */
	@Transactional
	void subscribe(UUID clientId, Subscription subscription) {
		FieldChecks checks = new FieldChecks();
		String endpoint = subscription == null ? null : subscription.endpoint();
		if (checks.require(endpoint, "subscription.endpoint") && !pushService(endpoint)) {
			checks.reject("subscription.endpoint", "must be a push service's https address");
		}
		Keys keys = subscription == null || subscription.keys() == null ? new Keys(null, null) : subscription.keys();
		key(checks, keys.p256dh(), 65, "subscription.keys.p256dh");
		key(checks, keys.auth(), 16, "subscription.keys.auth");
		checks.throwIfAny();
		jdbc.sql("select id from client where id = ? for update").param(clientId).query(UUID.class).single();
		jdbc.sql("""
				insert into push_subscription (endpoint, client_id, p256dh, auth, created_at) values (?, ?, ?, ?, ?)
				on conflict (endpoint) do update set client_id = excluded.client_id, p256dh = excluded.p256dh,
				  auth = excluded.auth, created_at = excluded.created_at""")
			.params(endpoint, clientId, keys.p256dh(), keys.auth(), Timestamp.from(clock.instant()))
			.update();
		jdbc.sql("""
				delete from push_subscription where client_id = ? and endpoint not in (select endpoint from
				  push_subscription where client_id = ? order by created_at desc limit ?)""")
			.params(clientId, clientId, MOST)
			.update();
		audit.record(clientId, "client", "PUSH_ALLOWED", null, clock.instant());
		profiles.changed(clientId);
	}

	@Transactional
	boolean unsubscribe(UUID clientId, String endpoint) {
		jdbc.sql("select id from client where id = ? for update").param(clientId).query(UUID.class).single();
		boolean removed = jdbc.sql("delete from push_subscription where client_id = ? and endpoint = ?")
			.params(clientId, endpoint).update() > 0;
		if (removed) {
			audit.record(clientId, "client", "PUSH_STOPPED", null, clock.instant());
			profiles.changed(clientId);
		}
		return removed;
	}

	/** An https address (http only on this machine, for a push service run by a test or a developer). */
	private static boolean pushService(String endpoint) {
		try {
			URI uri = URI.create(endpoint);
			return endpoint.length() <= 1000 && uri.getHost() != null && ("https".equals(uri.getScheme())
					|| "http".equals(uri.getScheme()) && ("localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())));
		}
		catch (IllegalArgumentException notOne) {
			return false;
		}
	}

	/** A base64url key of {@code length} bytes. */
	private static void key(FieldChecks checks, String value, int length, String field) {
		if (!checks.require(value, field)) {
			return;
		}
		try {
			if (Base64.getUrlDecoder().decode(value.replace("=", "")).length != length) {
				checks.reject(field, "must be " + length + " bytes, base64url");
			}
		}
		catch (IllegalArgumentException notBase64) {
			checks.reject(field, "must be " + length + " bytes, base64url");
		}
	}

	/** The key the page subscribes with: the deployment's VAPID public key; none, and the page offers nothing. */
	@Component
	static class Offer {

		private final String publicKey;

		Offer(@Value("${lantern.push.vapid-public-key:}") String publicKey) {
			this.publicKey = publicKey.strip();
		}

		String publicKey() {
			return publicKey;
		}
	}
}
