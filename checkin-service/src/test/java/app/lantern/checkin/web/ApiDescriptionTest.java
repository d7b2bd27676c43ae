package app.lantern.checkin.web;

import static org.assertj.core.api.Assertions.assertThat;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description of the staff API: to signed-in staff only, with the API's paths and its problems. */
@CheckinServiceTest
class ApiDescriptionTest {

	@LocalServerPort
	int port;

	@Test
	void staffReadTheApiWithItsProblemAnswers() {
		var answer = StaffApi.admin(port).get().uri("/api/docs").retrieve().toEntity(String.class);
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode api = JsonMapper.builder().build().readTree(answer.getBody());
		assertThat(api.path("paths").propertyNames()).contains("/api/checkins", "/api/clients",
				"/api/clients/{id}/contacts", "/api/staff/dead-letters").allMatch(path -> path.startsWith("/api/"));
		JsonNode enrol = api.path("paths").path("/api/clients").path("post").path("responses");
		assertThat(enrol.path("400").path("content").has("application/problem+json"))
			.as("a field error is documented as problem+json: " + enrol).isTrue();
		assertThat(api.path("components").path("securitySchemes").path("staff").path("scheme").asString())
			.isEqualTo("basic");
	}

	@Test
	void anonymousCallersGetNothing() {
		assertThat(StaffApi.anonymous(port).get().uri("/api/docs").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(StaffApi.anonymous(port).get().uri("/api/docs/ui").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}
}
