package app.lantern.checkin.programmes;

import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * One gate for every page and API path that names a client or an alert — {@code /api/clients/{id}/**},
 * {@code /clients/{id}/**}, {@code /api/alerts/{id}/**}, {@code /alerts/{id}/**}, and any {@code clientId}
 * parameter — so a new endpoint cannot forget it: another programme's client or alert is 404 before the handler
 * runs. Lists filter by {@link Programmes#current()} themselves.
 */
@Configuration
class ProgrammeGuard implements HandlerInterceptor, WebMvcConfigurer {

	private final Programmes programmes;

	private static final String ACCOUNTING = "/api/clients/{id}/disclosures.csv";

	ProgrammeGuard(Programmes programmes) {
		this.programmes = programmes;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/**", "/clients/**", "/alerts/**", "/board/**", "/audit/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		@SuppressWarnings("unchecked")
		Map<String, String> variables = (Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (pattern != null && variables != null && variables.containsKey("id")) {
			if (pattern.equals(ACCOUNTING) && programmes.current().everything()) {
				// an ADMIN exports the accounting of any client, one erased too (the law keeps it; it names no one)
				return true;
			}
			if (pattern.startsWith("/api/clients/{id}") || pattern.startsWith("/clients/{id}")) {
				programmes.requireClient(uuid(variables.get("id"), "client"));
			}
			else if (pattern.startsWith("/api/alerts/{id}") || pattern.startsWith("/alerts/{id}")) {
				programmes.requireAlert(uuid(variables.get("id"), "alert"));
			}
		}
		String clientId = request.getParameter("clientId");
		if (clientId != null && !clientId.isBlank()) {
			programmes.requireClient(uuid(clientId, "client"));
		}
		return true;
	}

	private static UUID uuid(String value, String what) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException(what);
		}
	}
}
