package app.lantern.notifier.channels;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.delivery.Channel;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

/**
 * SMS through Twilio's SDK. Neither the SDK nor its HTTP client retries on its own: a retry is the
 * notifier's decision, made once per delivery, so a slow 5xx can never turn into several texts. Requests
 * go to {@code LANTERN_TWILIO_API_BASE_URL} when it is not Twilio's own.
 */
public class TwilioSms implements Channel {

	/** 21211 invalid number, 21610 the recipient replied STOP, 21614 not a mobile number, 21408 region off. */
	private static final Set<Integer> PERMANENT_CODES = Set.of(21211, 21610, 21614, 21408, 21612);

	/** "Attempt to send to unsubscribed recipient": the number replied STOP to Twilio (a Messaging Service's own). */
	static final int STOPPED_AT_TWILIO = 21610;

	private final TwilioRestClient client;

	private final PhoneNumber from;

	private final String messagingServiceSid;

	private final String statusCallbackBase;

	private final PerNumberRate rate;

	public TwilioSms(String accountSid, String authToken, String from, String apiBaseUrl, String publicBaseUrl,
			double messagesPerSecondPerNumber, int connections) {
		this(accountSid, authToken, from, apiBaseUrl, publicBaseUrl, messagesPerSecondPerNumber, connections,
				Duration.ofSeconds(10));
	}

	/** {@code timeout}: the longest wait to connect to Twilio, and then for its answer. */
	public TwilioSms(String accountSid, String authToken, String from, String apiBaseUrl, String publicBaseUrl,
			double messagesPerSecondPerNumber, int connections, Duration timeout) {
		this(accountSid, authToken, from, null, apiBaseUrl, publicBaseUrl, messagesPerSecondPerNumber, connections,
				timeout);
	}

	/** From {@code messagingServiceSid} when there is one (Twilio picks the number from its pool), else {@code from}. */
	public TwilioSms(String accountSid, String authToken, String from, String messagingServiceSid, String apiBaseUrl,
			String publicBaseUrl, double messagesPerSecondPerNumber, int connections, Duration timeout) {
		this.client = new TwilioRestClient.Builder(accountSid, authToken)
			.httpClient(TwilioHttp.client(apiBaseUrl, connections, timeout))
			.build();
		this.from = from == null || from.isBlank() ? null : new PhoneNumber(from);
		this.messagingServiceSid = messagingServiceSid;
		this.statusCallbackBase = publicBaseUrl + "/twilio/status?d=";
		this.rate = new PerNumberRate(messagesPerSecondPerNumber);
	}

	@Override
	public ContactChannel kind() {
		return ContactChannel.SMS;
	}

	@Override
	public void send(UUID deliveryId, String address, String subject, String body) throws SendException {
		if (!rate.tryAcquire(address)) {
			// not an error of anyone's: the delivery waits its turn in the retry queue
			throw new SendException("over the per-number rate", false, false, null);
		}
		try {
			MessageCreator creator = messagingServiceSid != null
					? Message.creator(new PhoneNumber(address), messagingServiceSid, body)
					: Message.creator(new PhoneNumber(address), from, body);
			creator.setStatusCallback(URI.create(statusCallbackBase + deliveryId)).create(client);
		}
		catch (ApiConnectionException ex) {
			if (readTimeOut(ex)) {
				// the request went out and no answer came: Twilio may have taken it
				throw new SendException("Twilio did not answer in time", false, ex).maybeTakenByTheChannel();
			}
			throw new SendException("Twilio could not be reached", false, ex);
		}
		catch (ApiException ex) {
			throw refused(ex);
		}
	}

	/**
	 * Asks Twilio whether it took this message in an attempt whose answer never came: the newest messages to the
	 * number (Twilio lists newest first), one with the same text created since the attempt (less a minute for the
	 * clocks). Twilio's list does not return the status callback, so the text and the time are the match.
	 */
	@Override
	public boolean alreadyTook(UUID deliveryId, String address, String body, Instant since) throws SendException {
		Instant from = since.minus(Duration.ofMinutes(1));
		try {
			for (Message message : Message.reader().setTo(new PhoneNumber(address)).setPageSize(50L).limit(50)
				.read(client)) {
				if (message.getDateCreated() != null && message.getDateCreated().toInstant().isBefore(from)) {
					return false;
				}
				if (body.equals(message.getBody())) {
					return true;
				}
			}
			return false;
		}
		catch (ApiConnectionException ex) {
			throw new SendException("Twilio could not be asked about an unanswered message", false, ex)
				.maybeTakenByTheChannel();
		}
		catch (ApiException ex) {
			SendException refused = refused(ex);
			// not knowing is never a reason to give the message up: ask again later
			throw (refused.credentialsRefused() ? refused
					: new SendException("Twilio could not be asked about an unanswered message: " + refused.getMessage(),
							false, ex))
				.maybeTakenByTheChannel();
		}
	}

	static SendException refused(ApiException ex) {
		Integer code = ex.getCode();
		Integer status = ex.getStatusCode();
		if (status == null) {
			// no answer at all: the SDK wraps a read time-out as an ApiException
			SendException failure = new SendException("Twilio did not answer", false, ex);
			return readTimeOut(ex) ? failure.maybeTakenByTheChannel() : failure;
		}
		String what = "Twilio refused: status " + status + ", code " + code;
		if (status != null && (status == 401 || (code != null && code == 20003 && status < 500))) {
			// our account's credentials (rotated, revoked): no message is at fault
			return new SendException(what, false, ex).refusingCredentials();
		}
		boolean permanent = (code != null && PERMANENT_CODES.contains(code))
				|| (status != null && status >= 400 && status < 500 && status != 429);
		SendException failure = new SendException(what, permanent, ex);
		if (code != null && code == STOPPED_AT_TWILIO) {
			// the number replied STOP to Twilio's own handling: recorded as the number's opt-out everywhere
			return failure.recipientOptedOut();
		}
		// a 5xx may come after Twilio took the message
		return status != null && status >= 500 ? failure.maybeTakenByTheChannel() : failure;
	}

	static boolean readTimeOut(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}
}
