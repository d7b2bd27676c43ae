package app.lantern.checkin.web;

import java.io.IOException;

import app.lantern.platform.FailureKind;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database away while a request is still in the filters — the sign-in's checks (the address throttle, whether a
 * remembered account is still enabled, a second factor) run before any controller — answers as a controller's
 * would ({@link ProblemResponses}): 503 with {@code Retry-After}, not a bare 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DatabaseAwayAnswer extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (response.isCommitted() || FailureKind.of(ex) != FailureKind.PASSING) {
				throw ex;
			}
			response.resetBuffer();
			response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unavailable for the moment\","
					+ "\"status\":503,\"detail\":\"The database cannot be reached for the moment; nothing was stored. "
					+ "Try again in a few seconds.\"}");
		}
	}
}
