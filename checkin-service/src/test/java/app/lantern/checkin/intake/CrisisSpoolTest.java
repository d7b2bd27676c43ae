package app.lantern.checkin.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import app.lantern.checkin.CheckinProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crisis spool is safe to lean on: only the service's user can read it, every field is cut to what the live
 * path takes, it keeps at most its cap of files (past it a crisis is refused, counted, and the caller still answers
 * the person), and a file set aside leaves the ones behind it waiting.
 */
class CrisisSpoolTest {

	@TempDir
	Path folder;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void onlyTheServicesUserCanReadTheSpool() throws Exception {
		CrisisSpool spool = spool(10);

		spool.spool(CrisisSpool.Spooled.sms("+12025550123", "I want to die", "SM1", Instant.now()));

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("spool"))))
			.isEqualTo("rwx------");
		assertThat(spool.waiting()).singleElement()
			.satisfies(file -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
				.isEqualTo("rw-------"));
	}

	@Test
	void everyFieldIsCutToWhatTheLivePathTakes() throws Exception {
		CrisisSpool spool = spool(10);

		spool.spool(CrisisSpool.Spooled.sms("+1".repeat(5_000), "help ".repeat(20_000), "SM".repeat(5_000),
				Instant.now()));
		spool.spool(CrisisSpool.Spooled.web("t".repeat(5_000), "s".repeat(60_000), Instant.now()));

		List<CrisisSpool.Spooled> kept = spool.waiting().stream().map(file -> {
			try {
				return spool.read(file);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
		assertThat(kept).anySatisfy(sms -> {
			assertThat(sms.body()).hasSize(CrisisSpool.BODY_MAX);
			assertThat(sms.from()).hasSize(CrisisSpool.FIELD_MAX);
			assertThat(sms.messageSid()).hasSize(CrisisSpool.FIELD_MAX);
		}).anySatisfy(web -> {
			assertThat(web.linkToken()).hasSize(CrisisSpool.FIELD_MAX);
			assertThat(web.submission()).as("longer than the page makes: no key at all").isNull();
		});
		assertThat(spool.waiting()).allSatisfy(file -> assertThat(Files.size(file)).isLessThan(4_096));
	}

	@Test
	void pastItsCapACrisisIsRefusedAndCounted() {
		CrisisSpool spool = spool(2);
		spool.spool(CrisisSpool.Spooled.sms("+12025550123", "I want to die", "SM1", Instant.now()));
		spool.spool(CrisisSpool.Spooled.sms("+12025550123", "I want to die", "SM2", Instant.now()));

		assertThatThrownBy(() -> spool.spool(CrisisSpool.Spooled.sms("+12025550123", "I want to die", "SM3",
				Instant.now()))).hasMessageContaining("LANTERN_INTAKE_SPOOL_MAX_FILES");

		assertThat(spool.waiting()).hasSize(2);
		assertThat(meters.counter("lantern.intake.spool.refused").count()).isEqualTo(1);
	}

	@Test
	void aFileSetAsideLeavesTheOthersWaitingAndIsCounted() throws Exception {
		CrisisSpool spool = spool(10);
		spool.spool(CrisisSpool.Spooled.sms("+12025550123", "I want to die", "SM1", Instant.now()));
		Path poison = folder.resolve("spool").resolve("00000000-poison.json");
		Files.writeString(poison, "{ not json");

		spool.setAside(poison, "it cannot be read");

		assertThat(spool.waiting()).singleElement().satisfies(file -> assertThat(file).isNotEqualTo(poison));
		assertThat(folder.resolve("spool").resolve("aside").resolve("00000000-poison.json")).exists();
		assertThat(meters.get("lantern.intake.spool.aside").gauge().value()).isEqualTo(1);
		assertThat(meters.counter("lantern.intake.spool.set.aside").count()).isEqualTo(1);
	}

	private CrisisSpool spool(int maxFiles) {
		try {
			return new CrisisSpool(new CheckinProperties(null, null, null, null, false, new CheckinProperties.Intake(
					folder.resolve("spool").toString(), null, null, null, maxFiles), null, null), meters);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}
