package app.lantern.checkin.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.ClientOwnConsents;
import app.lantern.checkin.registry.ConsentForms;
import app.lantern.checkin.web.PageLocales;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The client's own consents, on their private page ({@code /c/{token}/consents}): who may be told what, each with a
 * button to stop it at once, and the consents staff recorded for them to sign — every element of 42 CFR 2.31 shown,
 * signed with the name they type and a box they tick. Like the check-in page, it needs no session: each post carries
 * the page's own proof. (Kept off the check-in page itself, which must open without waiting on the database.)
 */
@Controller
class ClientConsentPage {

	/** The longest typed signature kept. */
	private static final int SIGNATURE_MAX = 100;

	private final CheckInLinks links;

	private final ConsentForms forms;

	private final ClientOwnConsents ownConsents;

	private final FormTokens proofs;

	private final Clock clock;

	ClientConsentPage(CheckInLinks links, ConsentForms forms, ClientOwnConsents ownConsents, FormTokens proofs,
			Clock clock) {
		this.links = links;
		this.forms = forms;
		this.ownConsents = ownConsents;
		this.proofs = proofs;
		this.clock = clock;
	}

	@GetMapping("/c/{token}/consents")
	ModelAndView page(@PathVariable String token, HttpServletRequest request) {
		return links.holderOf(token).filter(client -> !client.discharged())
			.map(client -> page(token, client, request, null, null))
			.orElseGet(ClientConsentPage::notFound);
	}

	@PostMapping("/c/{token}/consents/{consentId}/sign")
	ModelAndView sign(@PathVariable String token, @PathVariable UUID consentId,
			@RequestParam(required = false) String proof, @RequestParam(required = false) String signature,
			@RequestParam(required = false) String agree, HttpServletRequest request) {
		Optional<CheckInLinks.Holder> found = links.holderOf(token).filter(client -> !client.discharged());
		if (found.isEmpty()) {
			return notFound();
		}
		CheckInLinks.Holder client = found.get();
		Instant now = clock.instant();
		// a signature is made on a page this service drew, lately: not a form from elsewhere, nor one left open for days
		if (proofs.check(proof, client.linkHash(), now) != FormTokens.Check.VALID) {
			return page(token, client, request, "page.consents.error.stale", HttpStatus.CONFLICT);
		}
		String typed = signature == null ? "" : signature.strip();
		if (typed.isEmpty() || typed.length() > SIGNATURE_MAX || !"true".equals(agree)) {
			return page(token, client, request, "page.consents.error.signature", HttpStatus.BAD_REQUEST);
		}
		boolean signed = ownConsents.signByClient(client.id(), consentId, typed, FormTokens.fingerprint(proof));
		return page(token, client, request, signed ? "page.consents.signed" : "page.consents.error.gone", null);
	}

	@PostMapping("/c/{token}/consents/{consentId}/stop")
	ModelAndView stop(@PathVariable String token, @PathVariable UUID consentId,
			@RequestParam(required = false) String proof, HttpServletRequest request) {
		Optional<CheckInLinks.Holder> found = links.holderOf(token);
		if (found.isEmpty()) {
			return notFound();
		}
		CheckInLinks.Holder client = found.get();
		// stopping is made easy: a page left open long ago still stops (only a form from elsewhere is refused)
		if (proofs.check(proof, client.linkHash(), clock.instant()) == FormTokens.Check.INVALID) {
			return page(token, client, request, "page.consents.error.stale", HttpStatus.FORBIDDEN);
		}
		boolean stopped = ownConsents.revokeByClient(client.id(), consentId);
		return page(token, client, request, stopped ? "page.consents.stopped" : "page.consents.error.gone", null);
	}

	private ModelAndView page(String token, CheckInLinks.Holder client, HttpServletRequest request, String message,
			HttpStatus status) {
		PageLocales.speak(request, client.locale());
		Instant now = clock.instant();
		ModelAndView page = new ModelAndView("checkin/consents");
		page.addObject("token", token);
		page.addObject("name", client.name());
		page.addObject("proof", proofs.issue(client.linkHash(), now));
		page.addObject("consents", forms.current(client.id(), now));
		page.addObject("message", message);
		if (status != null) {
			page.setStatus(status);
		}
		return page;
	}

	private static ModelAndView notFound() {
		ModelAndView page = new ModelAndView("checkin/not-found");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}
}
