package app.lantern.checkin.intake;

import java.time.Clock;
import java.util.Optional;

import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.web.FieldChecks;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client's answer to "send my reminders as notifications?", from their page's script: {@code POST /c/{token}/push}
 * with the page's proof and the browser's subscription keeps it (201), {@code DELETE} with its endpoint lets it go
 * (204). A stale proof is 409, a link not theirs 404, a wrong field 400 naming it.
 */
@RestController
class NotificationsController {

	private final CheckInLinks links;

	private final PushSubscriptions subscriptions;

	private final FormTokens proofs;

	private final Clock clock;

	NotificationsController(CheckInLinks links, PushSubscriptions subscriptions, FormTokens proofs,
			Clock clock) {
		this.links = links;
		this.subscriptions = subscriptions;
		this.proofs = proofs;
		this.clock = clock;
	}

	@PostMapping("/c/{token}/push")
	ResponseEntity<Void> allow(@PathVariable String token,
			@RequestBody(required = false) PushSubscriptions.Subscribing body) {
		Optional<CheckInLinks.Holder> client = links.holderOf(token).filter(holder -> !holder.discharged());
		if (client.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		if (body == null) {
			new FieldChecks().reject("subscription", "is required").throwIfAny();
		}
		if (proofs.check(body.proof(), client.get().linkHash(), clock.instant()) != FormTokens.Check.VALID) {
			return ResponseEntity.status(HttpStatus.CONFLICT).build();
		}
		subscriptions.subscribe(client.get().id(), body.subscription());
		return ResponseEntity.status(HttpStatus.CREATED).build();
	}

	record Letting(String endpoint) {
	}

	@DeleteMapping("/c/{token}/push")
	ResponseEntity<Void> stop(@PathVariable String token, @RequestBody(required = false) Letting body) {
		Optional<CheckInLinks.Holder> client = links.holderOf(token);
		if (client.isEmpty() || body == null || body.endpoint() == null
				|| !subscriptions.unsubscribe(client.get().id(), body.endpoint())) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.noContent().build();
	}
}
