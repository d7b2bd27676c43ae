package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A programme's own administrator manages its staff, rota and audit trail, and nothing outside it: they add STAFF to
 * their programme (not to another, and no ADMIN), disable and reset their own staff (another programme's are not
 * there), add shifts for their programme only, read the audit lines of their programme's clients and staff, and
 * reach none of the platform's tools.
 */
@CheckinServiceTest
class ProgrammeAdminTest {

	@LocalServerPort
	int port;

	@Test
	void aProgrammesAdministratorManagesItsStaffRotaAndAuditAndNothingElse() {
		RestClient admin = StaffApi.admin(port);
		String north = StaffApi.newProgramme(port, "North");
		String south = StaffApi.newProgramme(port, "South");
		String lead = "lead-" + north;
		assertThat(admin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", lead, "password", StaffApi.STAFF_PASSWORD, "role", "PROGRAMME_ADMIN", "programmes",
					List.of(north)))
			.retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.CREATED);
		RestClient programmeAdmin = StaffApi.as(port, lead, StaffApi.STAFF_PASSWORD);
		String southStaff = StaffApi.newStaff(port, List.of(south));

		var ours = programmeAdmin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "north-" + north, "password", StaffApi.STAFF_PASSWORD, "role", "STAFF", "programmes",
					List.of(north)))
			.retrieve().toEntity(String.class);
		var elsewhere = programmeAdmin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", "x-" + north, "password", StaffApi.STAFF_PASSWORD, "role", "ADMIN", "programmes",
					List.of(south)))
			.retrieve().toEntity(String.class);
		assertThat(ours.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(elsewhere.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(elsewhere.getBody()).contains("\"field\":\"role\"", "\"field\":\"programmes[0]\"");

		assertThat(status(programmeAdmin.post().uri("/api/staff/{u}/password-reset", "north-" + north)))
			.isEqualTo(HttpStatus.OK);
		assertThat(status(programmeAdmin.post().uri("/api/staff/{u}/disable", southStaff)))
			.as("another programme's staff are not there").isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(status(programmeAdmin.post().uri("/api/staff/{u}/disable", "admin"))).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(programmeAdmin.get().uri("/api/staff").retrieve().body(String.class)).contains("north-" + north)
			.doesNotContain(southStaff, "\"admin\"");

		programmeAdmin.put().uri("/api/staff/{u}/contact", "north-" + north).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", TestPhones.next())).retrieve().toBodilessEntity();
		LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
		var shift = Map.of("startsAt", now.toString(), "endsAt", now.plusHours(8).toString(), "primary",
				"north-" + north);
		assertThat(status(programmeAdmin.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(shift))).as("not a shift of every programme").isEqualTo(HttpStatus.BAD_REQUEST);
		var theirs = new java.util.HashMap<String, Object>(shift);
		theirs.put("programme", north);
		var created = programmeAdmin.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(theirs).retrieve().toEntity(Map.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		// other tests share this database: the rota as it was
		assertThat(status(programmeAdmin.delete().uri("/api/staff/on-call/{id}", created.getBody().get("id"))))
			.isEqualTo(HttpStatus.NO_CONTENT);

		String audit = programmeAdmin.get().uri("/api/audit?limit=500").retrieve().body(String.class);
		assertThat(audit).contains("staff north-" + north).doesNotContain("staff " + southStaff);
		assertThat(status(programmeAdmin.get().uri("/api/staff/dead-letters"))).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(programmeAdmin.get().uri("/api/audit/verify"))).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private static HttpStatus status(RestClient.RequestHeadersSpec<?> request) {
		return HttpStatus.valueOf(request.retrieve().toBodilessEntity().getStatusCode().value());
	}
}
