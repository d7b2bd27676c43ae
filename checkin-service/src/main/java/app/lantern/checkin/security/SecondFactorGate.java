package app.lantern.checkin.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A password alone is not enough for a staff user who has a second factor, or who works in a programme that requires
 * one ({@link StaffUsers} marks them at sign-in). A passkey sign-in is whole by itself. After a password, the console
 * asks for the authenticator code or the passkey ({@code /login/second-factor}) before anything else, and a user a
 * programme requires it of but who has none yet may only set one up ({@code /account/security}); the API takes the
 * current code with every call in {@code Lantern-One-Time-Code} (a wrong one counts as a failed sign-in at the
 * address), and otherwise answers 401 — or 403 to an account that has only a passkey, which the API cannot take.
 */
class SecondFactorGate extends OncePerRequestFilter {

	/** Marks a user whose password alone does not sign in. */
	static final String REQUIRED = "SECOND_FACTOR_REQUIRED";

	/** Marks a user a programme requires a second factor of, who has none yet. */
	static final String TO_ENROL = "SECOND_FACTOR_TO_ENROL";

	/** Marks a user with a confirmed authenticator app. */
	static final String HAS_CODES = "SECOND_FACTOR_CODES";

	/** The factor a right authenticator code adds. */
	static final String CODE_FACTOR = "FACTOR_TOTP";

	static final String CODE_HEADER = "Lantern-One-Time-Code";

	private static final Set<String> ALWAYS_OPEN = Set.of("/logout", "/login", "/error", "/login/webauthn.js");

	private static final Set<String> SECOND_STEP = Set.of("/login/second-factor", "/webauthn/authenticate/options",
			"/login/webauthn");

	private static final Set<String> SETTING_UP = Set.of("/account/security", "/account/security/codes",
			"/account/security/codes/confirm", "/webauthn/register/options", "/webauthn/register",
			"/api/me/second-factor/codes", "/api/me/second-factor/codes/confirm");

	private final AuthenticatorCodes codes;

	private final SecondFactors factors;

	private final ApplicationEventPublisher events;

	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SecondFactorGate(AuthenticatorCodes codes, SecondFactors factors, ApplicationEventPublisher events) {
		this.codes = codes;
		this.factors = factors;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		String path = request.getRequestURI();
		if (signedIn == null || !holds(signedIn, REQUIRED) || whole(signedIn) || ALWAYS_OPEN.contains(path)
				|| path.startsWith("/css/") || path.startsWith("/js/")) {
			chain.doFilter(request, response);
			return;
		}
		boolean api = path.startsWith("/api/");
		if (holds(signedIn, TO_ENROL)) {
			if (!api && factors.any(signedIn.getName())) {
				// a passkey was registered a moment ago: now it signs in, as it will every time
				refreshed(signedIn, request, response);
				response.sendRedirect("/login/second-factor");
				return;
			}
			if (SETTING_UP.contains(path)) {
				chain.doFilter(request, response);
				return;
			}
			refuse(response, api, 403, "/account/security",
					"Your programme requires a second factor: set up an authenticator app or a passkey first");
			return;
		}
		if (!api) {
			if (SECOND_STEP.contains(path)) {
				chain.doFilter(request, response);
				return;
			}
			response.sendRedirect("/login/second-factor");
			return;
		}
		if (!holds(signedIn, HAS_CODES)) {
			refuse(response, true, 403, null, "This account signs in with a passkey, which the API cannot take: "
					+ "set up an authenticator app in the console to use the API");
			return;
		}
		String code = request.getHeader(CODE_HEADER);
		if (codes.valid(signedIn.getName(), code)) {
			chain.doFilter(request, response);
			return;
		}
		if (code != null) {
			events.publishEvent(wrongCode(signedIn.getName(), request));
		}
		refuse(response, true, 401, null,
				"This account needs the code from its authenticator app in the " + CODE_HEADER + " header");
	}

	/** Signed in with a passkey, or a password and a code: nothing more to ask. */
	static boolean whole(Authentication signedIn) {
		return holds(signedIn, FactorGrantedAuthority.WEBAUTHN_AUTHORITY) || holds(signedIn, CODE_FACTOR);
	}

	static boolean holds(Authentication signedIn, String authority) {
		return signedIn.getAuthorities().stream().anyMatch(granted -> authority.equals(granted.getAuthority()));
	}

	/** A wrong one-time code, as a failed sign-in: counted at the address ({@link LoginThrottle}) and audited. */
	static AuthenticationFailureBadCredentialsEvent wrongCode(String username, HttpServletRequest request) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username,
				null);
		attempt.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
		return new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("wrong one-time code"));
	}

	/**
	 * This session's sign-in with {@code added} and without {@code removed}, kept in the session (the user's proof is
	 * unchanged: only what it still owes).
	 */
	static void replace(Authentication signedIn, List<GrantedAuthority> added, String removed,
			HttpServletRequest request, HttpServletResponse response, SecurityContextRepository contexts) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		signedIn.getAuthorities().stream().filter(granted -> !granted.getAuthority().equals(removed))
			.forEach(authorities::add);
		authorities.addAll(added);
		UsernamePasswordAuthenticationToken upgraded = UsernamePasswordAuthenticationToken
			.authenticated(signedIn.getPrincipal(), null, authorities);
		upgraded.setDetails(signedIn.getDetails());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(upgraded);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
	}

	private void refreshed(Authentication signedIn, HttpServletRequest request, HttpServletResponse response) {
		replace(signedIn, factors.hasCodes(signedIn.getName()) ? List.of(new SimpleGrantedAuthority(HAS_CODES))
				: List.of(), TO_ENROL, request, response, contexts);
	}

	private static void refuse(HttpServletResponse response, boolean api, int status, String page, String detail)
			throws IOException {
		if (!api) {
			response.sendRedirect(page);
			return;
		}
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + (status == 401 ? "Unauthorized" : "Forbidden")
				+ "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
	}
}
