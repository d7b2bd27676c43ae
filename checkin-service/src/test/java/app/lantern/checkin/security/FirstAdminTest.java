package app.lantern.checkin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.CheckinServiceTest;
import app.lantern.checkin.StaffApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The first admin: a stale LANTERN_ADMIN_PASSWORD is reported; a generated password goes to an owner-only file. */
@CheckinServiceTest
@ExtendWith(OutputCaptureExtension.class)
class FirstAdminTest {

	@Autowired
	StaffUsers users;

	@Test
	void aLanternAdminPasswordThatNoLongerMatchesIsReportedAtStart(CapturedOutput output) throws Exception {
		new FirstAdmin(users, properties("not the password any more")).run(null);
		assertThat(output.getOut()).contains("LANTERN_ADMIN_PASSWORD does not match the stored password of 'admin'")
			.doesNotContain("not the password any more");

		int before = output.getOut().length();
		new FirstAdmin(users, properties(StaffApi.ADMIN_PASSWORD)).run(null);
		assertThat(output.getOut().substring(before)).as("the right one is not reported")
			.doesNotContain("does not match");
	}

	@Test
	void aGeneratedPasswordIsWrittenToAFileOnlyItsOwnerCanRead(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("secrets/admin-password");

		FirstAdmin.write(file, "s3cret-generated");

		assertThat(Files.readString(file).strip()).isEqualTo("s3cret-generated");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	private static CheckinProperties properties(String adminPassword) {
		return new CheckinProperties(null, adminPassword, null, null, false, null, null, null);
	}
}
