package app.lantern.checkin.console;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** Local mode: every SMS and e-mail the platform would have sent, read from the notifier's sandbox outbox. */
@Controller
class SandboxPage {

	private final RestClient notifier;

	SandboxPage(@Value("${lantern.console.notifier-url:http://localhost:8082}") String notifierUrl) {
		this.notifier = RestClient.create(notifierUrl);
	}

	@GetMapping("/sandbox")
	String sandbox(Model model) {
		try {
			model.addAttribute("messages", notifier.get().uri("/api/sandbox/messages")
				.retrieve()
				.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
				}));
		}
		catch (RestClientException unreachable) {
			model.addAttribute("messages", List.of());
			model.addAttribute("unreachable", true);
		}
		return "console/sandbox";
	}
}
