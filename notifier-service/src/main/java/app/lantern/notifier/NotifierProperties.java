package app.lantern.notifier;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl checkin-service's public URL ({@code LANTERN_PUBLIC_BASE_URL}): Twilio's status
 * callbacks go to its {@code /twilio/status}
 * @param twilio Twilio's account ({@code LANTERN_TWILIO_*}); without it SMS go to the sandbox outbox
 * @param mail the sender of e-mail ({@code LANTERN_MAIL_FROM}); SMTP itself is {@code spring.mail.*}
 * @param retries how recoverable failures are tried again
 * @param delivery how many sends may be in flight at once
 * @param sandbox the local sandbox ({@code LANTERN_SANDBOX=true}): only then may a channel without settings go to the
 * sandbox outbox; otherwise a missing setting stops the start
 * @param sandboxToken the secret checkin-service shows to read the sandbox outbox ({@code LANTERN_SANDBOX_TOKEN});
 * without it the outbox is read by no one
 */
@ConfigurationProperties("lantern")
public record NotifierProperties(String publicBaseUrl, Twilio twilio, Mail mail, Retries retries, Delivery delivery,
		boolean sandbox, String sandboxToken, Digest digest) {

	/**
	 * @param at the contact's local time from which the evening note "checked in today" goes ({@code LANTERN_DIGEST_AT})
	 * @param every how often the notifier looks for notes whose evening has come ({@code LANTERN_DIGEST_EVERY})
	 */
	public record Digest(LocalTime at, Duration every) {

		public Digest {
			at = at == null ? LocalTime.of(20, 0) : at;
			every = every == null ? Duration.ofMinutes(5) : every;
		}
	}

	/** For annotations that take an expression ({@code #{...}}): this bean, as configuration properties scanning names it. */
	public static final String BEAN = "@'lantern-app.lantern.notifier.NotifierProperties'";

	public NotifierProperties {
		delivery = delivery == null ? new Delivery(null, null, null, null, null, null, null, null) : delivery;
		retries = retries == null ? new Retries(null, null, null, null) : retries;
		publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
				: publicBaseUrl.replaceAll("/+$", "");
		twilio = twilio == null ? new Twilio(null, null, null, null, null, null, null) : twilio;
		mail = mail == null ? new Mail(null, null) : mail;
		digest = digest == null ? new Digest(null, null) : digest;
	}

	/**
	 * @param messagesPerSecondPerNumber at most this many SMS a second to one number (0: no limit)
	 * @param timeout the longest wait to connect to Twilio, and then for its answer ({@code LANTERN_TWILIO_TIMEOUT})
	 * @param messagingServiceSid a Messaging Service (a US programme's registered A2P campaign: a pool of numbers,
	 * Twilio's own queueing and opt-out handling) that SMS are sent through ({@code
	 * LANTERN_TWILIO_MESSAGING_SERVICE_SID}); without it, from {@code LANTERN_TWILIO_FROM}
	 */
	public record Twilio(String accountSid, String authToken, String from, String apiBaseUrl,
			Double messagesPerSecondPerNumber, Duration timeout, String messagingServiceSid) {

		public Twilio {
			messagingServiceSid = messagingServiceSid == null || messagingServiceSid.isBlank() ? null
					: messagingServiceSid;
			timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
			apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://api.twilio.com" : apiBaseUrl;
			messagesPerSecondPerNumber = messagesPerSecondPerNumber == null ? 1.0 : messagesPerSecondPerNumber;
		}

		public boolean configured() {
			return accountSid != null && !accountSid.isBlank() && authToken != null && !authToken.isBlank()
					&& ((from != null && !from.isBlank()) || messagingServiceSid != null);
		}
	}

	/**
	 * @param backoff the wait after the first recoverable failure; it doubles each time
	 * @param maxBackoff the longest wait between two attempts
	 * @param maxAttempts attempts before a delivery is given up as FAILED
	 * @param poll how often the retry queue looks for deliveries whose time has come
	 */
	public record Retries(Duration backoff, Duration maxBackoff, Integer maxAttempts,
			Duration poll) {

		public Retries {
			backoff = backoff == null ? Duration.ofSeconds(2) : backoff;
			maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
			maxAttempts = maxAttempts == null ? 20 : maxAttempts;
			poll = poll == null ? Duration.ofSeconds(1) : poll;
		}
	}

	/**
	 * @param from the sender of e-mail ({@code LANTERN_MAIL_FROM})
	 * @param timeout the longest wait on the mail server to connect, to read an answer, or to write
	 */
	public record Mail(String from, Duration timeout) {

		public Mail {
			from = from == null || from.isBlank() ? "Lantern <no-reply@lantern.invalid>" : from;
			timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
		}
	}

	/**
	 * @param concurrency SMS sends in flight at once (Twilio answers in some 100 ms: one at a time
	 * would mean a handful of messages a second); also the size of the HTTP connection pool to Twilio
	 * @param outageAfter failures of a channel in a row (timeouts, 5xx, SMTP 4xx) after which its sends wait
	 * @param outageRest how long they wait before the channel is tried again
	 * @param consumers Kafka consumers of {@code lantern.alerts.v1} in this instance
	 * @param alertsPerPoll alerts taken per poll: their deliveries are claimed together and sent side by side
	 * @param mailConcurrency e-mail sends in flight at once, on threads of their own (a hung mail server holds
	 * only these)
	 * @param queued sends waiting for a thread, per channel; beyond it they wait in the delivery log
	 * @param lease how long a claimed send is this instance's: if no answer is recorded by then (it died), the
	 * retry queue takes it back and asks the channel whether it took it before sending again
	 */
	public record Delivery(Integer concurrency, Integer outageAfter, Duration outageRest, Integer consumers,
			Integer alertsPerPoll, Integer mailConcurrency, Integer queued, Duration lease) {

		public Delivery {
			mailConcurrency = mailConcurrency == null ? 4 : mailConcurrency;
			queued = queued == null ? 2000 : queued;
			lease = lease == null ? Duration.ofSeconds(60) : lease;
			consumers = consumers == null ? 2 : consumers;
			alertsPerPoll = alertsPerPoll == null ? 200 : alertsPerPoll;
			concurrency = concurrency == null ? 16 : concurrency;
			outageAfter = outageAfter == null ? 5 : outageAfter;
			outageRest = outageRest == null ? Duration.ofSeconds(30) : outageRest;
			if (concurrency < 1) {
				throw new IllegalArgumentException("lantern.delivery.concurrency must be at least 1");
			}
		}
	}
}
