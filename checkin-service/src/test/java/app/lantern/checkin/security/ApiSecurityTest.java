package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.stream.Stream;

import app.lantern.checkin.StaffApi;
import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

@CheckinServiceTest
class ApiSecurityTest {

	private static final UUID ID = UUID.randomUUID();

	@LocalServerPort
	int port;

	static Stream<Arguments> apiPaths() {
		return Stream.of(Arguments.of(HttpMethod.POST, "/api/clients"), Arguments.of(HttpMethod.GET, "/api/clients/" + ID),
				Arguments.of(HttpMethod.PUT, "/api/clients/" + ID + "/schedule"),
				Arguments.of(HttpMethod.POST, "/api/clients/" + ID + "/status"),
				Arguments.of(HttpMethod.POST, "/api/clients/" + ID + "/contacts"),
				Arguments.of(HttpMethod.POST, "/api/clients/" + ID + "/contacts/" + ID + "/consents"),
				Arguments.of(HttpMethod.POST, "/api/clients/" + ID + "/contacts/" + ID + "/consents/" + ID + "/revoke"),
				Arguments.of(HttpMethod.POST, "/api/checkins"), Arguments.of(HttpMethod.GET, "/api/clients/" + ID + "/checkins"),
				Arguments.of(HttpMethod.GET, "/api/alerts"), Arguments.of(HttpMethod.POST, "/api/alerts/" + ID + "/acknowledge"),
				Arguments.of(HttpMethod.POST, "/api/alerts/" + ID + "/resolve"), Arguments.of(HttpMethod.GET, "/api/disclosures"));
	}

	@ParameterizedTest
	@MethodSource("apiPaths")
	void everyApiPathAnswers401WithoutCredentials(HttpMethod method, String path) {
		var answer = StaffApi.anonymous(port).method(method).uri(path).retrieve().toBodilessEntity();

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(answer.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
	}

	@ParameterizedTest
	@MethodSource("apiPaths")
	void aWrongPasswordIsRefusedToo(HttpMethod method, String path) {
		var answer = org.springframework.web.client.RestClient.builder().baseUrl("http://localhost:" + port)
			// not admin: five wrong passwords would lock the account the other tests sign in with
			.defaultHeaders(headers -> headers.setBasicAuth("no-such-user", "wrong"))
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build().method(method).uri(path).retrieve().toBodilessEntity();

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}
}
