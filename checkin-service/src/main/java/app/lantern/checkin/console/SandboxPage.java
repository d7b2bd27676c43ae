package app.lantern.checkin.console;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.ProgrammeScope;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.registry.PhoneNumbers;
import app.lantern.checkin.sms.SmsInbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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

	private final SmsInbox inbox;

	private final JdbcClient jdbc;

	private final Programmes programmes;

	private final AuditTrail audit;

	private final Clock clock;

	SandboxPage(@Value("${lantern.console.notifier-url:http://localhost:8082}") String notifierUrl,
			CheckinProperties properties, SmsInbox inbox, JdbcClient jdbc, Programmes programmes, AuditTrail audit,
			Clock clock) {
		this.audit = audit;
		this.clock = clock;
		this.inbox = inbox;
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.notifier = RestClient.builder()
			.baseUrl(notifierUrl)
			.defaultHeader("X-Lantern-Sandbox-Token",
					properties.sandboxToken() == null ? "" : properties.sandboxToken())
			.build();
	}

	/**
	 * The SMS simulator: a text as a client or a contact would send it (a check-in, OK, YES, STOP, words of
	 * crisis), answered through the same path as Twilio's webhook; the reply is shown as their phone would.
	 */
	@PostMapping("/sandbox/sms")
	String text(@RequestParam String from, @RequestParam(required = false) String body, RedirectAttributes redirect,
			Principal staff) {
		String phone;
		try {
			phone = PhoneNumbers.e164(from, "US");
		}
		catch (IllegalArgumentException wrong) {
			redirect.addFlashAttribute("formErrors", List.of("From: " + PhoneNumbers.PROBLEM));
			return "redirect:/sandbox";
		}
		// as a client or contact of the staff user's own programmes only, and accounted for
		Optional<UUID> whose = phones().stream().filter(row -> phone.equals(row.get("phone")))
			.map(row -> (UUID) row.get("client_id")).findFirst();
		if (whose.isEmpty()) {
			redirect.addFlashAttribute("formErrors", List.of("From: not a client or contact of your programmes"));
			return "redirect:/sandbox";
		}
		audit.record(whose.get(), staff.getName(), "SMS_SIMULATED", null, clock.instant());
		String reply = inbox.receive(phone, body, "SMsandbox" + UUID.randomUUID().toString().replace("-", ""));
		redirect.addFlashAttribute("sent", Map.of("from", phone, "body", body == null ? "" : body, "reply", reply));
		return "redirect:/sandbox";
	}

	@GetMapping("/sandbox")
	String sandbox(Model model) {
		model.addAttribute("phones", phones());
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

	/** Whom the simulator can text as: the clients and contacts of the staff user's programmes. */
	private List<Map<String, Object>> phones() {
		return jdbc.sql("""
				select c.display_name as name, 'client' as who, c.phone, c.id as client_id from client c
				where c.programme_id = any(:p)
				union all
				select s.name || ' (contact of ' || c.display_name || ')', 'contact', s.phone, c.id from support_contact s
				join client c on c.id = s.client_id where s.phone is not null and c.programme_id = any(:p)
				order by who, name limit 200""")
			.param("p", programmes.current().ids())
			.query()
			.listOfRows();
	}

	/** The outbox's messages about the staff user's programmes' clients (an ADMIN's: every programme's). */
	private List<Map<String, Object>> messages(int limit) {
		ProgrammeScope scope = programmes.current();
		return notifier.get()
			.uri(uri -> uri.path("/api/sandbox/messages").queryParam("limit", limit)
				.queryParam("everyProgramme", scope.everything())
				.queryParam("programme", (Object[]) scope.ids())
				.build())
			.retrieve()
			.body(MESSAGES);
	}
}
