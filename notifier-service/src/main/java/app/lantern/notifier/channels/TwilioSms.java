package app.lantern.notifier.channels;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import app.lantern.events.ContactChannel;
import app.lantern.notifier.delivery.Channel;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;

/**
 * SMS through Twilio's SDK. Neither the SDK nor its HTTP client retries on its own: a retry is the
 * notifier's decision, made once per delivery, so a slow 5xx can never turn into several texts. Requests
 * go to {@code LANTERN_TWILIO_API_BASE_URL} when it is not Twilio's own.
 */
public class TwilioSms implements Channel {

	/** 21211 invalid number, 21610 the recipient replied STOP, 21614 not a mobile number, 21408 region off. */
	private static final Set<Integer> PERMANENT_CODES = Set.of(21211, 21610, 21614, 21408, 21612);

	private final TwilioRestClient client;

	private final PhoneNumber from;

	private final String statusCallbackBase;

	private final PerNumberRate rate;

	public TwilioSms(String accountSid, String authToken, String from, String apiBaseUrl, String publicBaseUrl,
			double messagesPerSecondPerNumber, int connections) {
		this.client = new TwilioRestClient.Builder(accountSid, authToken)
			.httpClient(httpClient(apiBaseUrl, connections))
			.build();
		this.from = new PhoneNumber(from);
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
			Message.creator(new PhoneNumber(address), from, body)
				.setStatusCallback(URI.create(statusCallbackBase + deliveryId))
				.create(client);
		}
		catch (ApiConnectionException ex) {
			throw new SendException("Twilio could not be reached", false, ex);
		}
		catch (ApiException ex) {
			Integer code = ex.getCode();
			Integer status = ex.getStatusCode();
			boolean permanent = (code != null && PERMANENT_CODES.contains(code))
					|| (status != null && status >= 400 && status < 500 && status != 429);
			throw new SendException("Twilio refused: status " + status + ", code " + code, permanent, ex);
		}
	}

	/** As many pooled connections as sends may be in flight: Apache's default of 5 a route would queue the rest. */
	private static NetworkHttpClient httpClient(String apiBaseUrl, int connections) {
		HttpClientBuilder builder = HttpClientBuilder.create()
			.disableAutomaticRetries()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(connections)
				.setMaxConnTotal(connections)
				.build());
		URI base = URI.create(apiBaseUrl);
		if (!base.getHost().endsWith("twilio.com")) {
			HttpHost target = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
			HttpRoutePlanner toBase = (host, context) -> new HttpRoute(target);
			builder.setRoutePlanner(toBase);
		}
		return new NetworkHttpClient(builder) {
			@Override
			protected boolean shouldRetry(Response response, int[] retryCodes) {
				return false;
			}
		};
	}
}
