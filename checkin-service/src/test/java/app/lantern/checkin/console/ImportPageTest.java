package app.lantern.checkin.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import app.lantern.testsupport.ConsoleBrowser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Enrolling from a spreadsheet in the console: the wrong rows listed and nothing stored, or the right ones alone. */
@CheckinServiceTest
class ImportPageTest {

	@LocalServerPort
	int port;

	@Test
	void anUploadWithAWrongRowListsItAndStoresNothingUnlessTheRightRowsAloneAreAsked() {
		String programme = StaffApi.newProgramme(port, "From a spreadsheet");
		ConsoleBrowser console = ConsoleBrowser.signedIn(port, "admin", StaffApi.ADMIN_PASSWORD);
		String page = console.get("/clients/import").body();
		assertThat(page).contains("Enrol from a spreadsheet", "displayName,phone");
		String file = "displayName,phone,timezone,dueTimes,programme\n"
				+ "Ana," + String.format("+1646%03d0001", 200 + ThreadLocalRandom.current().nextInt(700))
				+ ",America/Chicago,09:00," + programme + "\n"
				+ "Ben,not a phone,America/Chicago,09:00," + programme + "\n";

		var refused = console.upload("/clients/import", file, "", page);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("Nothing was stored", "rows[3].phone");

		var some = console.upload("/clients/import", file, "validOnly=true", refused.body());
		assertThat(some.statusCode()).isEqualTo(200);
		assertThat(some.body()).contains("Stored 1 of 2 rows.", "These rows were left out", "Their welcomes go from");
	}
}
