package app.lantern.testsupport;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a signed-in browser uses it (its session cookie, its CSRF tokens), without a browser: for tests
 * of pages and forms. Redirects are not followed, so a test sees where a form sends it.
 */
public final class ConsoleBrowser {

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	private final int port;

	private ConsoleBrowser(int port) {
		this.port = port;
	}

	public static ConsoleBrowser signedIn(int port, String username, String password) {
		ConsoleBrowser browser = new ConsoleBrowser(port);
		String login = browser.get("/login").body();
		browser.post("/login", "username=" + encode(username) + "&password=" + encode(password), login);
		return browser;
	}

	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build());
	}

	/** A stream (the alert queue's), read to its end: the future completes when the server ends it. */
	public java.util.concurrent.CompletableFuture<HttpResponse<Void>> stream(String path) {
		return client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.discarding());
	}

	/** Posts a form as the page {@code from} would (with its CSRF token). */
	public HttpResponse<String> post(String path, String form, String from) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + csrf(from)))
			.build());
	}

	/**
	 * Uploads {@code content} as the file field {@code file} of a multipart form, with the other {@code fields}, as
	 * the page {@code from} would (its CSRF token in the address: a multipart body is read after the token is checked).
	 */
	public HttpResponse<String> upload(String path, String content, String fields, String from) {
		String boundary = "lantern-" + System.nanoTime();
		StringBuilder body = new StringBuilder();
		for (String field : fields.isEmpty() ? new String[0] : fields.split("&")) {
			String[] pair = field.split("=", 2);
			body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(pair[0])
				.append("\"\r\n\r\n").append(pair[1]).append("\r\n");
		}
		body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clients.csv\"")
			.append("\r\nContent-Type: text/csv\r\n\r\n").append(content).append("\r\n--").append(boundary).append("--\r\n");
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path + "?_csrf=" + csrf(from)))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build());
	}

	/** Posts a form from the page at {@code page} (fetched first, for its CSRF token). */
	public HttpResponse<String> postFrom(String page, String path, String form) {
		return post(path, form, get(page).body());
	}

	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public static String csrf(String page) {
		Matcher token = Pattern.compile("name=\"_csrf\" (?:type=\"hidden\" )?value=\"([^\"]+)\"").matcher(page);
		if (!token.find()) {
			throw new AssertionError("no CSRF token in the page");
		}
		return encode(token.group(1));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
