package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** The client's check-in page as a browser with no cookies uses it: a form's own fields, posted back. */
final class CheckInPages {

	private CheckInPages() {
	}

	static String field(ResponseEntity<String> page, String name) {
		Matcher value = Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page.getBody());
		assertThat(value.find()).as(name + " on the page").isTrue();
		return value.group(1);
	}

	/** Posts one of the page's forms ({@code form}: the suffix of its submission id) with {@code fields}. */
	static ResponseEntity<String> submit(RestClient browser, String link, ResponseEntity<String> page,
			Map<String, String> fields, String form) {
		var body = new LinkedMultiValueMap<String, String>();
		body.add("proof", field(page, "proof"));
		body.add("submission", field(page, "submission") + form);
		fields.forEach(body::add);
		return browser.post().uri("/c/{t}", link).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body)
			.retrieve().toEntity(String.class);
	}
}
