package app.lantern.checkin.registry;

import app.lantern.checkin.web.PageLocales;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page an e-mail invitation links to ({@code templates/invitation/page.html}). Opening the link changes
 * nothing (mail scanners open links); the contact confirms with a button. An unknown or used token says only
 * that the link is not valid.
 */
@Controller
class InvitationPage {

	private final Invitations invitations;

	InvitationPage(Invitations invitations) {
		this.invitations = invitations;
	}

	@GetMapping("/contacts/confirm")
	ModelAndView show(@RequestParam("t") String token, CsrfToken csrf, HttpServletRequest request) {
		PageLocales.speak(request, invitations.localeForEmailToken(token));
		return invitations.clientNameForEmailToken(token)
			.map(name -> page("ask", "invitation.title.ask", HttpStatus.OK).addObject("clientName", name)
				.addObject("token", token)
				.addObject("csrf", csrf))
			.orElseGet(InvitationPage::notValid);
	}

	@PostMapping("/contacts/confirm")
	ModelAndView confirm(@RequestParam("t") String token, @RequestParam(required = false) String daily,
			HttpServletRequest request) {
		PageLocales.speak(request, invitations.localeForEmailToken(token));
		return invitations.confirmEmail(token, "true".equals(daily))
				? page("confirmed", "invitation.title.confirmed", HttpStatus.OK) : notValid();
	}

	private static ModelAndView notValid() {
		return page("not-valid", "invitation.title.not-valid", HttpStatus.NOT_FOUND);
	}

	private static ModelAndView page(String state, String title, HttpStatus status) {
		ModelAndView page = new ModelAndView("invitation/page");
		page.addObject("state", state);
		page.addObject("title", title);
		page.setStatus(status);
		return page;
	}
}
