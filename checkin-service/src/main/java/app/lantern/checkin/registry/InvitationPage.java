package app.lantern.checkin.registry;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page an e-mail invitation links to. Opening the link changes nothing (mail scanners open links);
 * the contact confirms with a button. An unknown or used token says only that the link is not valid.
 */
@RestController
class InvitationPage {

	private final Invitations invitations;

	InvitationPage(Invitations invitations) {
		this.invitations = invitations;
	}

	@GetMapping(path = "/contacts/confirm", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> show(@RequestParam("t") String token, CsrfToken csrf) {
		return invitations.clientNameForEmailToken(token)
			.map(name -> ResponseEntity.ok(page("Confirm alerts from Lantern", """
					<p>%s added you as a support contact in Lantern. If you agree, Lantern will e-mail you when they
					may need support, as they have allowed.</p>
					<form method="post" action="/contacts/confirm">
					  <input type="hidden" name="t" value="%s">
					  <input type="hidden" name="%s" value="%s">
					  <button type="submit">Yes, send me alerts</button>
					</form>
					<p>If you do not want this, ignore this e-mail: you will get nothing else.</p>"""
				.formatted(HtmlUtils.htmlEscape(name), HtmlUtils.htmlEscape(token), csrf.getParameterName(),
						csrf.getToken()))))
			.orElseGet(InvitationPage::notValid);
	}

	@PostMapping(path = "/contacts/confirm", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> confirm(@RequestParam("t") String token) {
		if (!invitations.confirmEmail(token)) {
			return notValid();
		}
		return ResponseEntity.ok(page("Thank you", "<p>You will now receive Lantern alerts by e-mail. You can stop them "
				+ "at any time by telling the care team.</p>"));
	}

	private static ResponseEntity<String> notValid() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.contentType(MediaType.TEXT_HTML)
			.body(page("Link not valid", "<p>This link is not valid, or it was already used.</p>"));
	}

	private static String page(String title, String body) {
		return """
				<!doctype html><html lang="en"><head><meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1"><title>%s</title>
				<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
				button{font-size:1.1rem;padding:.7rem 1.2rem}</style></head>
				<body><h1>%s</h1>%s</body></html>""".formatted(title, title, body);
	}
}
