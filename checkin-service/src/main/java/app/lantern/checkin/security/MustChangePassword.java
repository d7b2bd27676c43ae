package app.lantern.checkin.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A staff user signed in with a one-time password (an ADMIN's reset) does nothing but choose their own: the console
 * sends them to {@code /account/password}, and the API answers every other request with 403 and where to go.
 */
class MustChangePassword extends OncePerRequestFilter {

	/** The authority a user holds while their password is a one-time one. */
	static final String AUTHORITY = "PASSWORD_MUST_CHANGE";

	private static final Set<String> OPEN = Set.of("/api/me/password", "/account/password", "/logout", "/login",
			"/error");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		boolean mustChange = signedIn != null && signedIn.getAuthorities().stream()
			.anyMatch(authority -> AUTHORITY.equals(authority.getAuthority()));
		String path = request.getRequestURI();
		if (!mustChange || OPEN.contains(path) || path.startsWith("/css/")) {
			chain.doFilter(request, response);
			return;
		}
		if (path.startsWith("/api/")) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
					+ "\"detail\":\"This is a one-time password: choose your own first (PUT /api/me/password)\"}");
			return;
		}
		response.sendRedirect("/account/password");
	}
}
