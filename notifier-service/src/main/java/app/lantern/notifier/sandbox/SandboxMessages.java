package app.lantern.notifier.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import app.lantern.notifier.NotifierProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sandbox outbox, for checkin-service only: served only in the sandbox, and only to a caller that shows the
 * sandbox token both services were given ({@code LANTERN_SANDBOX_TOKEN}). Staff read it signed in, through
 * checkin-service's {@code /api/sandbox/messages} and the console; nobody reads it here directly.
 */
@RestController
@ConditionalOnProperty(prefix = "lantern", name = "sandbox", havingValue = "true")
class SandboxMessages {

	static final String TOKEN_HEADER = "X-Lantern-Sandbox-Token";

	private final SandboxOutbox outbox;

	private final byte[] token;

	SandboxMessages(SandboxOutbox outbox, NotifierProperties properties) {
		this.outbox = outbox;
		this.token = properties.sandboxToken() == null || properties.sandboxToken().isBlank() ? null
				: properties.sandboxToken().getBytes(StandardCharsets.UTF_8);
	}

	@GetMapping("/api/sandbox/messages")
	List<SandboxOutbox.SandboxMessage> messages(@RequestParam(defaultValue = "200") int limit,
			@RequestParam(required = false) List<String> programme,
			@RequestParam(defaultValue = "false") boolean everyProgramme,
			@RequestHeader(name = TOKEN_HEADER, required = false) String shown) {
		if (token == null || shown == null
				|| !MessageDigest.isEqual(token, shown.getBytes(StandardCharsets.UTF_8))) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN,
					"the sandbox outbox is read through checkin-service, signed in");
		}
		// checkin-service names the signed-in staff user's programmes, or every programme for an ADMIN; none: nothing
		return outbox.messages(limit, everyProgramme ? null : programme == null ? List.of() : programme);
	}
}
