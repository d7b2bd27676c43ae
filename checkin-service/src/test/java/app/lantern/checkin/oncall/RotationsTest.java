package app.lantern.checkin.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.events.EventJson;
import app.lantern.events.OnCallRota;
import app.lantern.events.Topics;
import app.lantern.testsupport.ConsoleBrowser;
import app.lantern.testsupport.TopicRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * A rota that repeats, through the API: a weekly rotation becomes shifts of the published rota (the member whose week
 * it is on call, the next standing in), an override takes a stretch of it, a wrong rotation is named field by field,
 * and each member reads their own shifts at a private calendar URL.
 */
@CheckinServiceTest
class RotationsTest {

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	@LocalServerPort
	int port;

	/** Other tests share this database and rota: leave no rotation behind. */
	@AfterEach
	void removeRotations() {
		RestClient admin = StaffApi.admin(port);
		List<Map<String, Object>> rotations = admin.get().uri("/api/staff/on-call/rotations").retrieve()
			.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			});
		rotations.forEach(rotation -> admin.delete().uri("/api/staff/on-call/rotations/{id}", rotation.get("id"))
			.retrieve().toBodilessEntity());
	}

	@Test
	void aWeeklyRotationPutsTheWeeksMemberOnCallAndAnOverrideTakesItsStretch() {
		RestClient admin = StaffApi.admin(port);
		String programme = StaffApi.newProgramme(port, "Rotating");
		String ana = reachable(admin, programme);
		String ben = reachable(admin, programme);
		String cy = reachable(admin, programme);
		LocalDate yesterday = LocalDate.now(CHICAGO).minusDays(1);

		var created = admin.post().uri("/api/staff/on-call/rotations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Weekly", "programme", programme, "members", List.of(ana, ben),
					"handoverDay", yesterday.getDayOfWeek().name(), "handoverTime", "00:00", "startsOn", yesterday.toString()))
			.retrieve().toEntity(Map.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onCallNow(programme))
			.containsExactly(ana, ben));
		assertThat(latestRota().shifts()).filteredOn(shift -> programme.equals(shift.programme()))
			.as("the weeks ahead are in the rota, in turn")
			.extracting(OnCallRota.Shift::primary).startsWith(ana, ben, ana, ben);

		// an override's times are the rota's, as a shift's
		ZoneId rotaZone = ZoneId.of((String) admin.get().uri("/api/staff/on-call").retrieve().body(Map.class)
			.get("timezone"));
		LocalDateTime now = LocalDateTime.now(rotaZone).withNano(0);
		admin.post().uri("/api/staff/on-call/rotations/{id}/overrides", created.getBody().get("id"))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("startsAt", now.minusHours(1).toString(), "endsAt", now.plusHours(2).toString(), "username", cy))
			.retrieve().toBodilessEntity();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(onCallNow(programme))
			.containsExactly(cy, ben));
	}

	@Test
	void aWrongRotationIsNamedFieldByFieldAndAnotherProgrammesIsNotFound() {
		RestClient admin = StaffApi.admin(port);
		var wrong = admin.post().uri("/api/staff/on-call/rotations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Bad", "members", List.of("nobody-at-all"), "handoverDay", "FUNDAY",
					"handoverTime", "25:00"))
			.retrieve().toEntity(String.class);
		assertThat(wrong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(wrong.getBody()).contains("\"field\":\"members[0]\"", "\"field\":\"handoverDay\"",
				"\"field\":\"handoverTime\"");

		String ours = StaffApi.newProgramme(port, "Ours");
		String theirs = StaffApi.newProgramme(port, "Theirs");
		String member = reachable(admin, theirs);
		Object id = admin.post().uri("/api/staff/on-call/rotations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Theirs", "programme", theirs, "members", List.of(member), "handoverDay", "MONDAY",
					"handoverTime", "09:00"))
			.retrieve().body(Map.class).get("id");
		String lead = "lead-" + ours;
		admin.post().uri("/api/staff").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("username", lead, "password", StaffApi.STAFF_PASSWORD, "role", "PROGRAMME_ADMIN", "programmes",
					List.of(ours)))
			.retrieve().toBodilessEntity();
		RestClient theirLeadless = StaffApi.as(port, lead, StaffApi.STAFF_PASSWORD);
		assertThat(theirLeadless.delete().uri("/api/staff/on-call/rotations/{id}", id).retrieve().toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(theirLeadless.get().uri("/api/staff/on-call/rotations").retrieve().body(String.class))
			.doesNotContain(id.toString());
	}

	@Test
	void eachMemberReadsTheirOwnShiftsAtAPrivateCalendarAddress() {
		RestClient admin = StaffApi.admin(port);
		String programme = StaffApi.newProgramme(port, "Calendar");
		String ana = reachable(admin, programme);
		String ben = reachable(admin, programme);
		admin.post().uri("/api/staff/on-call/rotations").contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("name", "Weekly", "programme", programme, "members", List.of(ana, ben), "handoverDay", "MONDAY",
					"handoverTime", "09:00"))
			.retrieve().toBodilessEntity();

		RestClient asAna = StaffApi.as(port, ana, StaffApi.STAFF_PASSWORD);
		String url = (String) asAna.post().uri("/api/me/calendar").retrieve().body(Map.class).get("url");
		String path = url.substring(url.indexOf("/calendar/"));
		var feed = StaffApi.anonymous(port).get().uri(path).retrieve().toEntity(String.class);

		assertThat(feed.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(feed.getHeaders().getContentType().toString()).startsWith("text/calendar");
		assertThat(feed.getBody()).startsWith("BEGIN:VCALENDAR").contains("BEGIN:VEVENT",
				"SUMMARY:On call (Lantern: " + programme + ")", "SUMMARY:Standing in (fallback) (Lantern: " + programme + ")");
		String renewed = (String) asAna.post().uri("/api/me/calendar").retrieve().body(Map.class).get("url");
		assertThat(StaffApi.anonymous(port).get().uri(path).retrieve().toBodilessEntity().getStatusCode())
			.as("a new address ends the old").isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(StaffApi.anonymous(port).get().uri(renewed.substring(renewed.indexOf("/calendar/"))).retrieve()
			.toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void theConsoleAddsARotationAndMakesACalendarAddress() {
		RestClient admin = StaffApi.admin(port);
		String programme = StaffApi.newProgramme(port, "Console rota");
		String ana = reachable(admin, programme);
		String ben = reachable(admin, programme);
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);

		var added = console.postFrom("/on-call", "/on-call/rotations", "name=Evenings&members="
				+ ConsoleBrowser.encode(ana + ", " + ben) + "&handoverDay=FRIDAY&handoverTime=17:00&programme=" + programme);
		assertThat(added.statusCode()).isEqualTo(302);
		String page = console.get("/on-call").body();
		assertThat(page).contains("Evenings", ana + ", " + ben, "Friday 17:00", "a rotation's week");

		var link = console.postFrom("/on-call", "/account/calendar", "");
		assertThat(console.get(link.headers().firstValue("Location").orElseThrow().replace("http://localhost:" + port, ""))
			.body()).containsPattern("/calendar/[^<]+\\.ics</code>");
	}

	private String reachable(RestClient admin, String programme) {
		String username = StaffApi.newStaff(port, List.of(programme));
		admin.put().uri("/api/staff/{u}/contact", username).contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("phone", TestPhones.next())).retrieve().toBodilessEntity();
		return username;
	}

	private static List<String> onCallNow(String programme) {
		return latestRota().chainAt(Instant.now(), programme).stream().map(OnCallRota.StaffMember::username).toList();
	}

	private static OnCallRota latestRota() {
		List<String> values = TopicRecords.all(Topics.ON_CALL).stream().map(record -> record.value()).toList();
		return EventJson.read(values.get(values.size() - 1), OnCallRota.class);
	}
}
