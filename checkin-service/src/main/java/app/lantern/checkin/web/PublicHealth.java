package app.lantern.checkin.web;

import java.util.Map;

import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /actuator/health} on the internet-facing port, for a load balancer: UP (200) or DOWN (503) and
 * nothing more. The actuator itself — health details, probes, metrics — is on the management port only.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
class PublicHealth {

	private final HealthEndpoint health;

	PublicHealth(HealthEndpoint health) {
		this.health = health;
	}

	@GetMapping("/actuator/health")
	ResponseEntity<Map<String, String>> health() {
		boolean up = Status.UP.equals(health.health().getStatus());
		return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("status", up ? "UP" : "DOWN"));
	}
}
