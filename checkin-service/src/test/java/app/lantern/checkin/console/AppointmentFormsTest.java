package app.lantern.checkin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.testsupport.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Staff keep a client's appointments with them on the client page: one added (a wrong one named), one removed. */
@CheckinServiceTest
class AppointmentFormsTest {

	@LocalServerPort
	int port;

	@Test
	void staffAddAnAppointmentWithTheClientAndRemoveIt() {
		String clientId = StaffApi.enrol(StaffApi.admin(port), "Quinn", TestPhones.next());
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);
		String page = "/clients/" + clientId;
		assertThat(console.get(page).body()).contains("Add an appointment", "None yet");

		console.postFrom(page, page + "/appointments", "kind=THERAPY&title=&time=10:00");
		assertThat(console.get(page).body()).as("a wrong one named, nothing added").contains("None yet")
			.containsPattern("(?i)title.{0,40}required");

		console.postFrom(page, page + "/appointments",
				"kind=THERAPY&title=" + ConsoleBrowser.encode("Dr Reyes") + "&days=WEDNESDAY&time=10:00&remindMinutes=1440");
		String added = console.get(page).body();
		assertThat(added).contains("Appointment added", "Therapy: Dr Reyes, Wednesday at 10:00").doesNotContain("None yet");

		Matcher remove = Pattern.compile("action=\"(/clients/[^\"]+/end)\"").matcher(added);
		assertThat(remove.find()).isTrue();
		console.post(remove.group(1), "x=1", added);
		assertThat(console.get(page).body()).contains("Appointment removed", "None yet");
		assertThat(StaffApi.admin(port).get().uri("/api/audit?clientId={id}", clientId).retrieve().body(String.class))
			.contains("APPOINTMENT_ADDED", "APPOINTMENT_ENDED").doesNotContain("Dr Reyes");
	}
}
