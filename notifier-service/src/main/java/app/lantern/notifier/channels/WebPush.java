package app.lantern.notifier.channels;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Security;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import app.lantern.events.ClientProfile;
import nl.martijndwars.webpush.AbstractPushService;
import nl.martijndwars.webpush.Encoding;
import nl.martijndwars.webpush.Notification;
import nl.martijndwars.webpush.Utils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reminders to the client's own browser as notifications (Web Push): the payload encrypted for the browser's keys
 * (RFC 8291, aes128gcm) and the request signed with the deployment's VAPID key (RFC 8292) by the web-push library,
 * then sent with the JDK's HTTP client, every wait bounded. A push service that takes it answers 201; anything
 * else — an error, no answer in time, a subscription gone (404, 410) — is a push not delivered, and the caller texts
 * instead. With no VAPID key configured it is off.
 */
@Component
public class WebPush {

	private static final Logger log = LoggerFactory.getLogger(WebPush.class);

	/** How long a push service may keep a reminder for a phone that is off: a day. */
	static final int TIME_TO_LIVE_SECONDS = 24 * 3600;

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Signer signer;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	WebPush(@Value("${lantern.push.vapid-public-key:}") String publicKey,
			@Value("${lantern.push.vapid-private-key:}") String privateKey,
			@Value("${lantern.push.subject:}") String subject) throws GeneralSecurityException {
		if (publicKey.isBlank() || privateKey.isBlank()) {
			this.signer = null;
			return;
		}
		if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
			Security.addProvider(new BouncyCastleProvider());
		}
		this.signer = new Signer(publicKey.strip(), privateKey.strip(), subject.isBlank() ? null : subject.strip());
	}

	public boolean enabled() {
		return signer != null;
	}

	/** The library's request for a notification: encrypted, with its VAPID authorization. */
	private static final class Signer extends AbstractPushService<Signer> {

		Signer(String publicKey, String privateKey, String subject) throws GeneralSecurityException {
			super(publicKey, privateKey, subject);
		}

		nl.martijndwars.webpush.HttpRequest request(Notification notification) throws Exception {
			return prepareRequest(notification, Encoding.AES128GCM);
		}
	}

	/**
	 * Pushes {@code payload} (JSON the page's service worker shows) to each of the client's browsers; answers
	 * whether any push service took it.
	 */
	public boolean push(List<ClientProfile.PushSubscription> subscriptions, String payload) {
		boolean taken = false;
		for (ClientProfile.PushSubscription subscription : subscriptions) {
			taken |= push(subscription, payload.getBytes(StandardCharsets.UTF_8));
		}
		return taken;
	}

	private boolean push(ClientProfile.PushSubscription subscription, byte[] payload) {
		try {
			Notification notification = new Notification(subscription.endpoint(),
					Utils.loadPublicKey(subscription.p256dh()), Base64.getUrlDecoder().decode(subscription.auth()), payload,
					TIME_TO_LIVE_SECONDS);
			nl.martijndwars.webpush.HttpRequest prepared = signer.request(notification);
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(prepared.getUrl())).timeout(TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofByteArray(prepared.getBody()));
			prepared.getHeaders().forEach(request::header);
			int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status / 100 != 2) {
				log.warn("A push service answered {} for a client's browser: the reminder goes by SMS", status);
			}
			return status / 100 == 2;
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception failed) {
			log.warn("A push to a client's browser failed ({}): the reminder goes by SMS", failed.getClass().getSimpleName());
			return false;
		}
	}
}
