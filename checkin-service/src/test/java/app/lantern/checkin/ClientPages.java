package app.lantern.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.events.ClientProfile;
import app.lantern.events.EventJson;
import app.lantern.events.Topics;
import app.lantern.testsupport.TopicRecords;
import org.springframework.web.client.RestClient;

/** What tests of the client's own pages share: a link to them, each page's proof, and the client's newest profile. */
public final class ClientPages {

	private ClientPages() {
	}

	/** A fresh private link for the client (the old one stops working): its token. */
	public static String token(RestClient api, String clientId) {
		String url = (String) api.post().uri("/api/clients/{id}/link/rotate", clientId).retrieve().body(Map.class)
			.get("checkinUrl");
		return url.substring(url.lastIndexOf('/') + 1);
	}

	/** The proof a page drew for its forms. */
	public static String proof(String page) {
		Matcher proof = Pattern.compile("name=\"proof\" value=\"([^\"]+)\"").matcher(page);
		assertThat(proof.find()).as("the page's proof").isTrue();
		return proof.group(1);
	}

	/** The newest profile of the client on the topic. */
	public static ClientProfile latestProfile(String clientId) {
		List<String> values = TopicRecords.all(Topics.CLIENT_PROFILES).stream()
			.filter(record -> clientId.equals(record.key()))
			.map(record -> record.value())
			.toList();
		return EventJson.read(values.get(values.size() - 1), ClientProfile.class);
	}
}
