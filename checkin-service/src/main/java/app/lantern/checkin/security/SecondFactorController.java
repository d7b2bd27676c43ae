package app.lantern.checkin.security;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.StaffAuthority;
import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.FieldChecks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A staff user's own passkeys and authenticator app ({@code /account/security}; {@code /api/me/second-factor}), and
 * an administrator's reset of a lost one; the second step of a sign-in is {@link SecondStep}. Adding and
 * removing either is audited; passkeys are registered and removed by Spring Security's WebAuthn endpoints
 * ({@code /webauthn/register}), whose repository audits them ({@link Passkeys}).
 */
@Controller
class SecondFactorController {

	private final AuthenticatorCodes codes;

	private final SecondFactors factors;

	private final AuditTrail audit;

	private final StaffAuthority authority;

	private final StaffSessions sessions;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SecondFactorController(AuthenticatorCodes codes, SecondFactors factors, AuditTrail audit, StaffAuthority authority,
			StaffSessions sessions) {
		this.authority = authority;
		this.sessions = sessions;
		this.codes = codes;
		this.factors = factors;
		this.audit = audit;
	}

	@GetMapping("/account/security")
	String security(Model model, Authentication signedIn) {
		model.addAttribute("state", factors.of(signedIn.getName()));
		model.addAttribute("errors", Map.of());
		model.addAttribute("confirming", false);
		return "console/security";
	}

	/** Where Spring Security's passkey script goes once a passkey is added or removed. */
	@GetMapping("/webauthn/register")
	String passkeyChanged() {
		return "redirect:/account/security?passkey";
	}

	@PostMapping("/account/security/codes")
	String startCodes(Model model, Authentication signedIn) {
		model.addAttribute("newKey", codes.start(signedIn.getName()).orElse(null));
		return security(model, signedIn);
	}

	@PostMapping("/account/security/codes/confirm")
	String confirmCodes(@RequestParam(required = false) String code, Model model, Authentication signedIn,
			HttpServletRequest request, HttpServletResponse response) {
		if (!codes.confirm(signedIn.getName(), code)) {
			String page = security(model, signedIn);
			model.addAttribute("errors", Map.of("code", "is not the code your app shows now: try the next one"));
			model.addAttribute("confirming", true);
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return page;
		}
		audit.recordOf("staff " + signedIn.getName(), "SECOND_FACTOR_ADDED", "authenticator app");
		// the code just typed proves the app: this session has its second factor
		SecondFactorGate.replace(signedIn, List.of(new SimpleGrantedAuthority(SecondFactorGate.HAS_CODES),
				FactorGrantedAuthority.fromAuthority(SecondFactorGate.CODE_FACTOR)), SecondFactorGate.TO_ENROL, request,
				response, contexts);
		return "redirect:/account/security?codes";
	}

	@PostMapping("/account/security/codes/remove")
	String removeCodes(Authentication signedIn) {
		codes.remove(signedIn.getName());
		audit.recordOf("staff " + signedIn.getName(), "SECOND_FACTOR_REMOVED", "authenticator app");
		return "redirect:/account/security";
	}

	@GetMapping("/api/me/second-factor")
	@ResponseBody
	SecondFactors.State mine(Principal staff) {
		return factors.of(staff.getName());
	}

	@PostMapping("/api/me/second-factor/codes")
	@ResponseBody
	ResponseEntity<AuthenticatorCodes.NewKey> startCodes(Principal staff) {
		AuthenticatorCodes.NewKey key = codes.start(staff.getName())
			.orElseThrow(() -> new ConflictException("codes", "an authenticator app is set up: remove it first"));
		return ResponseEntity.created(URI.create("/api/me/second-factor")).body(key);
	}

	record Code(String code) {
	}

	@PostMapping("/api/me/second-factor/codes/confirm")
	@ResponseBody
	ResponseEntity<Void> confirmCodes(@RequestBody(required = false) Code body, Principal staff) {
		if (!codes.confirm(staff.getName(), body == null ? null : body.code())) {
			new FieldChecks().reject("code", "is not the code the app shows now (six digits)").throwIfAny();
		}
		audit.recordOf("staff " + staff.getName(), "SECOND_FACTOR_ADDED", "authenticator app");
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/api/me/second-factor/codes")
	@ResponseBody
	ResponseEntity<Void> removeCodes(Principal staff) {
		if (codes.remove(staff.getName())) {
			audit.recordOf("staff " + staff.getName(), "SECOND_FACTOR_REMOVED", "authenticator app");
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * For a staff user who lost their phone or key (an ADMIN, or their programme's administrator): every passkey and
	 * the authenticator app go, and every session of theirs ends; where their programme requires a second factor,
	 * they set up a new one at their next sign-in.
	 */
	@DeleteMapping("/api/staff/{username}/second-factors")
	@ResponseBody
	@Transactional
	ResponseEntity<Void> reset(@PathVariable String username) {
		authority.requireManages(username);
		int removed = factors.removeAll(username);
		int ended = sessions.endAll(username);
		audit.recordOf("staff " + username, "SECOND_FACTORS_RESET", removed + " removed, " + ended + " session(s) ended");
		return ResponseEntity.noContent().build();
	}
}
