package app.lantern.checkin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl this service's URL as clients and Twilio reach it ({@code LANTERN_PUBLIC_BASE_URL}):
 * check-in links are built on it and Twilio signatures are checked against it
 * @param adminPassword the password of the first ADMIN user {@code admin} ({@code LANTERN_ADMIN_PASSWORD});
 * when unset, one is generated and printed once
 */
@ConfigurationProperties("lantern")
public record CheckinProperties(String publicBaseUrl, String adminPassword) {

	public CheckinProperties {
		publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
				: publicBaseUrl.replaceAll("/+$", "");
	}
}
