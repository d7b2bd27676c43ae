package app.lantern.checkin.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What makes the client's page an app they can install and use on a bad connection: its manifest (its own link
 * the app opens on) and the service worker that keeps their pages on the phone ({@code /c/sw.js}, whose scope is
 * the pages of {@code /c/}). Neither reads the database: the manifest names only the link it was asked for.
 */
@RestController
class InstallablePage {

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	private static final MediaType MANIFEST = MediaType.parseMediaType("application/manifest+json");

	/** A link's token as links are made: anything else is not one. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,100}");

	private final byte[] worker;

	InstallablePage() {
		try {
			this.worker = new ClassPathResource("offline/sw.js").getContentAsByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Always fetched afresh by the browser, so that a new version takes over at once. */
	@GetMapping("/c/sw.js")
	ResponseEntity<byte[]> worker() {
		return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CacheControl.noCache()).body(worker);
	}

	@GetMapping("/c/{token}/manifest.webmanifest")
	ResponseEntity<Map<String, Object>> manifest(@PathVariable String token) {
		if (!TOKEN.matcher(token).matches()) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok().contentType(MANIFEST).body(Map.of("name", "Lantern", "short_name", "Lantern",
				"start_url", "/c/" + token, "scope", "/c/", "display", "standalone", "background_color", "#ffffff",
				"theme_color", "#2458a6",
				"icons", List.of(Map.of("src", "/icons/lantern.svg", "sizes", "any", "type", "image/svg+xml"))));
	}
}
