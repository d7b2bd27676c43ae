package app.lantern.checkin.console;

import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sandbox only ({@code LANTERN_SANDBOX=true}): every SMS and e-mail the platform would have sent, read from
 * the notifier's sandbox outbox with the sandbox token, for signed-in staff — as a console page and as
 * {@code GET /api/sandbox/messages}. Outside the sandbox neither exists.
 */
@Controller
@ConditionalOnProperty(prefix = "lantern", name = "sandbox", havingValue = "true")
class SandboxPage {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> MESSAGES = new ParameterizedTypeReference<>() {
	};

	private final RestClient notifier;

	SandboxPage(@Value("${lantern.console.notifier-url:http://localhost:8082}") String notifierUrl,
			CheckinProperties properties) {
		this.notifier = RestClient.builder()
			.baseUrl(notifierUrl)
			.defaultHeader("X-Lantern-Sandbox-Token",
					properties.sandboxToken() == null ? "" : properties.sandboxToken())
			.build();
	}

	@GetMapping("/sandbox")
	String sandbox(Model model) {
		try {
			model.addAttribute("messages", messages(200));
		}
		catch (RestClientException unreachable) {
			model.addAttribute("messages", List.of());
			model.addAttribute("unreachable", true);
		}
		return "console/sandbox";
	}

	@GetMapping("/api/sandbox/messages")
	@ResponseBody
	List<Map<String, Object>> api(@RequestParam(defaultValue = "200") int limit) {
		try {
			return messages(limit);
		}
		catch (RestClientException unreachable) {
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "the notifier's sandbox outbox is unreachable");
		}
	}

	private List<Map<String, Object>> messages(int limit) {
		return notifier.get().uri("/api/sandbox/messages?limit={limit}", limit).retrieve().body(MESSAGES);
	}
}
