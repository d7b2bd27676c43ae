package app.lantern.checkin.security;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.FieldChecks;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A staff user's own password, by the API ({@code PUT /api/me/password}) or the console ({@code /account/password}):
 * the current one is asked for, the new one meets the policy, the change is audited, and every other session of
 * theirs ends. A one-time password (an ADMIN's reset) allows nothing else until it is changed.
 */
@Controller
class AccountController {

	private final StaffUsers users;

	private final PasswordPolicy policy;

	private final StaffSessions sessions;

	private final AuditTrail audit;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	AccountController(StaffUsers users, PasswordPolicy policy, StaffSessions sessions, AuditTrail audit) {
		this.users = users;
		this.policy = policy;
		this.sessions = sessions;
		this.audit = audit;
	}

	record NewPassword(String currentPassword, String newPassword) {
	}

	@PutMapping("/api/me/password")
	@ResponseBody
	@Transactional
	ResponseEntity<Void> change(@RequestBody(required = false) NewPassword body, Principal staff) {
		FieldChecks checks = checked(staff.getName(), body == null ? null : body.currentPassword(),
				body == null ? null : body.newPassword());
		checks.throwIfAny();
		changed(staff.getName(), body.newPassword(), null);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/account/password")
	String page(Model model, Authentication signedIn) {
		model.addAttribute("errors", Map.of());
		model.addAttribute("oneTime", mustChange(signedIn));
		return "console/password";
	}

	@PostMapping("/account/password")
	@Transactional
	String change(@RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword, Model model, HttpServletRequest request,
			HttpServletResponse response, Authentication signedIn) {
		FieldChecks checks = checked(signedIn.getName(), currentPassword, newPassword);
		if (checks.hasAny()) {
			model.addAttribute("errors", checks.byField());
			model.addAttribute("oneTime", mustChange(signedIn));
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return "console/password";
		}
		changed(signedIn.getName(), newPassword, request.getSession(false) == null ? null : request.getSession().getId());
		// this session goes on, no longer bound to change the password
		List<GrantedAuthority> kept = signedIn.getAuthorities().stream()
			.filter(authority -> !MustChangePassword.AUTHORITY.equals(authority.getAuthority()))
			.map(GrantedAuthority.class::cast)
			.toList();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(signedIn.getPrincipal(), null, kept));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		model.addAttribute("errors", Map.of());
		model.addAttribute("changed", true);
		return "console/password";
	}

	private FieldChecks checked(String username, String current, String chosen) {
		FieldChecks checks = new FieldChecks();
		if (checks.require(current, "currentPassword") && !users.passwordMatches(username, current)) {
			checks.reject("currentPassword", "is not your current password");
		}
		if (checks.require(chosen, "newPassword")) {
			policy.problem(username, chosen).ifPresent(problem -> checks.reject("newPassword", problem));
			if (chosen.equals(current)) {
				checks.reject("newPassword", "must differ from the current one");
			}
		}
		return checks;
	}

	private void changed(String username, String chosen, String keptSession) {
		users.setPassword(username, chosen, false);
		int ended = sessions.endAllBut(username, keptSession);
		audit.recordOf("staff " + username, "STAFF_PASSWORD_CHANGED", ended + " other session(s) ended");
	}

	private static boolean mustChange(Authentication signedIn) {
		return signedIn.getAuthorities().stream()
			.anyMatch(authority -> MustChangePassword.AUTHORITY.equals(authority.getAuthority()));
	}
}
