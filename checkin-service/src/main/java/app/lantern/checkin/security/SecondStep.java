package app.lantern.checkin.security;

import java.util.List;

import app.lantern.checkin.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's second step after a password ({@code /login/second-factor}), for a staff user who has a second
 * factor or whose programme requires one: the authenticator app's code (each step of it signs in once; a wrong one
 * counts as a failed sign-in at the address, and five sign the session out), or the passkey, whose own ceremony
 * (Spring Security's {@code /login/webauthn}) signs in whole by itself.
 */
@Controller
class SecondStep {

	/** Wrong codes one session may type before it is signed out. */
	static final int WRONG_CODES = 5;

	private static final String WRONG = "lantern.second-factor.wrong";

	private final AuthenticatorCodes codes;

	private final SecondFactors factors;

	private final LoginThrottle throttle;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SecondStep(AuthenticatorCodes codes, SecondFactors factors, LoginThrottle throttle, AuditTrail audit,
			ApplicationEventPublisher events) {
		this.codes = codes;
		this.factors = factors;
		this.throttle = throttle;
		this.audit = audit;
		this.events = events;
	}

	@GetMapping("/login/second-factor")
	String step(Model model, Authentication signedIn) {
		if (SecondFactorGate.whole(signedIn)) {
			return "redirect:/";
		}
		model.addAttribute("state", factors.of(signedIn.getName()));
		return "console/second-factor";
	}

	@PostMapping("/login/second-factor")
	String step(@RequestParam(required = false) String code, Model model, Authentication signedIn,
			HttpServletRequest request, HttpServletResponse response) {
		String username = signedIn.getName();
		String address = request.getRemoteAddr();
		if (!throttle.refuses(username, address) && codes.signIn(username, code)) {
			SecondFactorGate.replace(signedIn, List.of(FactorGrantedAuthority.fromAuthority(SecondFactorGate.CODE_FACTOR)),
					null, request, response, contexts);
			request.changeSessionId();
			audit.recordOf("staff " + username, username, "SIGNED_IN_SECOND_FACTOR", "authenticator app");
			return "redirect:/";
		}
		events.publishEvent(SecondFactorGate.wrongCode(username, request));
		HttpSession session = request.getSession();
		int wrong = session.getAttribute(WRONG) instanceof Integer n ? n + 1 : 1;
		if (wrong >= WRONG_CODES) {
			session.invalidate();
			return "redirect:/login?error";
		}
		session.setAttribute(WRONG, wrong);
		model.addAttribute("state", factors.of(username));
		model.addAttribute("wrong", true);
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		return "console/second-factor";
	}
}
