package app.lantern.checkin.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.events.EventJson;
import app.lantern.events.OnCallRota;
import app.lantern.events.Topics;
import app.lantern.testsupport.ConsoleBrowser;
import app.lantern.testsupport.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The on-call rota through the API: checked like every request, ADMIN only, published whole to the notifier. */
@CheckinServiceTest
class OnCallApiTest {

	@LocalServerPort
	int port;

	@Autowired
	OnCallGaps gaps;

	@Autowired
	MeterRegistry meters;

	@Test
	void aShiftNeedsAReachableStaffUserAndTimesInOrderAndIsPublishedWhole() {
		RestClient admin = StaffApi.admin(port);
		String ana = newStaff(admin, "ADMIN");
		String ben = newStaff(admin, "STAFF");
		LocalDateTime now = LocalDateTime.now(ZoneId.of("UTC")).truncatedTo(ChronoUnit.MINUTES);

		ResponseEntity<Map> unreachable = admin.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", now.plusHours(2).toString(), "endsAt", now.toString(), "primary", ana))
			.retrieve().toEntity(Map.class);
		assertThat(unreachable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unreachable.getHeaders().getContentType().toString()).startsWith("application/problem+json");
		assertThat(fields(unreachable)).containsExactlyInAnyOrder("endsAt", "primary");

		ResponseEntity<Map> badPhone = admin.put().uri("/api/staff/{u}/contact", ana)
			.contentType(MediaType.APPLICATION_JSON).body(Map.of("phone", "555-0101", "email", "not an address"))
			.retrieve().toEntity(Map.class);
		assertThat(fields(badPhone)).containsExactlyInAnyOrder("phone", "email");
		assertThat(admin.put().uri("/api/staff/{u}/contact", ana).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", "+1 202 555 0101")).retrieve().toEntity(Map.class).getBody())
			.containsEntry("phone", "+12025550101");
		admin.put().uri("/api/staff/{u}/contact", ben).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("email", "ben@example.org")).retrieve().toBodilessEntity();

		ResponseEntity<Map> created = admin.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", now.minusHours(1).toString(), "endsAt", now.plusHours(8).toString(), "primary", ana,
					"fallback", ben))
			.retrieve().toEntity(Map.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String shift = (String) created.getBody().get("id");

		assertThat(admin.get().uri("/api/staff/on-call").retrieve().body(Map.class))
			.containsEntry("onCallNow", List.of(ana, ben));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			OnCallRota newest = newestRota();
			assertThat(newest.chainAt(java.time.Instant.now())).extracting(OnCallRota.StaffMember::username)
				.containsExactly(ana, ben);
			// with what a crisis no one on call can take needs: who is an ADMIN, who works where, who texted STOP
			assertThat(newest.staff()).contains(
					new OnCallRota.StaffMember(ana, "+12025550101", null, "ADMIN", List.of("default"), false),
					new OnCallRota.StaffMember(ben, null, "ben@example.org", "STAFF", List.of("default"), false));
		});

		assertThat(admin.delete().uri("/api/staff/on-call/{id}", shift).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newestRota().shifts())
			.noneMatch(one -> one.id().equals(shift)));
	}

	@Test
	void onlyAdminsManageTheRota() {
		RestClient admin = StaffApi.admin(port);
		String staffUser = newStaff(admin, "STAFF");
		RestClient staff = RestClient.builder().baseUrl("http://localhost:" + port)
			.defaultHeaders(headers -> headers.setBasicAuth(staffUser, "a long enough password"))
			.defaultStatusHandler(status -> true, (request, response) -> {
			})
			.build();

		assertThat(staff.get().uri("/api/staff/on-call").retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(staff.put().uri("/api/staff/{u}/contact", staffUser).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", "+12025550199")).retrieve().toBodilessEntity().getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(StaffApi.anonymous(port).get().uri("/api/staff/on-call").retrieve().toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	private static OnCallRota newestRota() {
		return TopicRecords.all(Topics.ON_CALL).stream()
			.map(record -> EventJson.read(record.value(), OnCallRota.class))
			.max(java.util.Comparator.comparingLong(OnCallRota::version))
			.orElseThrow();
	}

	private static String newStaff(RestClient admin, String role) {
		String username = "oncall-" + UUID.randomUUID().toString().substring(0, 8);
		admin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", username, "password", "a long enough password", "role", role)).retrieve()
			.toBodilessEntity();
		return username;
	}

	@SuppressWarnings("unchecked")
	private static List<String> fields(ResponseEntity<Map> answer) {
		return ((List<Map<String, String>>) answer.getBody().get("errors")).stream().map(error -> error.get("field"))
			.toList();
	}

	/** A shift of one programme is published as such, and only that programme's staff see it in the console. */
	@Test
	void aProgrammesShiftIsPublishedWithItsProgrammeAndShownOnlyToItsStaff() {
		RestClient admin = StaffApi.admin(port);
		String cat = newStaff(admin, "STAFF");
		admin.put().uri("/api/staff/{u}/contact", cat).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", "(202) 555-0102")).retrieve().toBodilessEntity();
		String eastside = StaffApi.newProgramme(port, "Eastside");
		LocalDateTime now = LocalDateTime.now(ZoneId.of("UTC")).truncatedTo(ChronoUnit.MINUTES);

		ResponseEntity<Map> unknown = admin.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", now.toString(), "endsAt", now.plusHours(1).toString(), "primary", cat, "programme",
					"nowhere"))
			.retrieve().toEntity(Map.class);
		assertThat(fields(unknown)).containsExactly("programme");
		String shift = (String) admin.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", now.toString(), "endsAt", now.plusHours(1).toString(), "primary", cat, "programme",
					eastside))
			.retrieve().body(Map.class).get("id");

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newestRota().shifts())
			.filteredOn(one -> one.id().equals(shift)).singleElement()
			.satisfies(one -> assertThat(one.programme()).isEqualTo(eastside)));
		String east = StaffApi.newStaff(port, List.of(eastside));
		String west = StaffApi.newStaff(port, List.of("default"));
		assertThat(ConsoleBrowser.signedIn(port, east, StaffApi.STAFF_PASSWORD).get("/on-call").body()).contains(shift);
		assertThat(ConsoleBrowser.signedIn(port, west, StaffApi.STAFF_PASSWORD).get("/on-call").body())
			.doesNotContain(shift);
		admin.delete().uri("/api/staff/on-call/{id}", shift).retrieve().toBodilessEntity();
	}

	/**
	 * A gap in the coming week is said before it happens: a programme whose own shifts leave three hours uncovered
	 * two days from now shows them on its staff's on-call page, and {@code lantern_oncall_uncovered_hours} says 3 for
	 * it (the alert rule's input).
	 */
	@Test
	void aGapInTheComingWeeksRotaIsShownAndMeasuredBeforeItHappens() {
		RestClient admin = StaffApi.admin(port);
		String dee = newStaff(admin, "STAFF");
		admin.put().uri("/api/staff/{u}/contact", dee).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", "(202) 555-0103")).retrieve().toBodilessEntity();
		String north = StaffApi.newProgramme(port, "North");
		LocalDateTime now = LocalDateTime.now(ZoneId.of("UTC")).truncatedTo(ChronoUnit.MINUTES);
		LocalDateTime hole = now.plusDays(2);
		List<String> shifts = List.of(shift(admin, now.minusHours(1), hole, dee, north),
				shift(admin, hole.plusHours(3), now.plusDays(8), dee, north));

		gaps.measure();

		assertThat(meters.get("lantern.oncall.uncovered.hours").tag("programme", north).gauge().value()).isEqualTo(3.0);
		String page = ConsoleBrowser.signedIn(port, StaffApi.newStaff(port, List.of(north)), StaffApi.STAFF_PASSWORD)
			.get("/on-call").body();
		assertThat(page).contains("In the coming week no one is on call at these times")
			.contains(hole.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH)));
		shifts.forEach(id -> admin.delete().uri("/api/staff/on-call/{id}", id).retrieve().toBodilessEntity());
	}

	private static String shift(RestClient admin, LocalDateTime from, LocalDateTime to, String primary,
			String programme) {
		return (String) admin.post().uri("/api/staff/on-call").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", from.toString(), "endsAt", to.toString(), "primary", primary, "programme",
					programme))
			.retrieve().body(Map.class).get("id");
	}
}
