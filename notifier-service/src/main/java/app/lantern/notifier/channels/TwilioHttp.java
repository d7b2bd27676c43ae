package app.lantern.notifier.channels;

import java.net.URI;
import java.time.Duration;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client under Twilio's SDK, for SMS and calls alike: it never retries on its own (a retry is the notifier's
 * decision, made once per delivery, so a slow 5xx can never turn into several texts), every wait is bounded, and
 * requests go to {@code LANTERN_TWILIO_API_BASE_URL} when it is not Twilio's own.
 */
final class TwilioHttp {

	private TwilioHttp() {
	}

	/**
	 * As many pooled connections as sends may be in flight (Apache's default of 5 a route would queue the rest),
	 * and every wait bounded: the SDK puts its own request settings on each request (a 30 s read), so ours are
	 * put back on the request's context, which is what the connection and the exchange read.
	 */
	static NetworkHttpClient client(String apiBaseUrl, int connections, Duration timeout) {
		Timeout bound = Timeout.of(timeout);
		RequestConfig bounded = RequestConfig.custom()
			.setConnectionRequestTimeout(bound)
			.setResponseTimeout(bound)
			.build();
		HttpClientBuilder builder = HttpClientBuilder.create()
			.disableAutomaticRetries()
			// an API client: no redirects, cookies, compression or per-user connection state (a profile of the
			// dispatch found each request's interceptors and exec chain a tenth of the send threads' time)
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableContentCompression()
			.disableAuthCaching()
			.disableConnectionState()
			.addRequestInterceptorFirst(
					(request, entity, context) -> HttpClientContext.castOrCreate(context).setRequestConfig(bounded))
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setMaxConnPerRoute(connections)
				.setMaxConnTotal(connections)
				.setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(bound).setSocketTimeout(bound)
					.build())
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
