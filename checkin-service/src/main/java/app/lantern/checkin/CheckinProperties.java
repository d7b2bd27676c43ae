package app.lantern.checkin;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUrl this service's URL as clients and Twilio reach it ({@code LANTERN_PUBLIC_BASE_URL}):
 * check-in links are built on it and Twilio signatures are checked against it
 * @param adminPassword the password of the first ADMIN user {@code admin} ({@code LANTERN_ADMIN_PASSWORD});
 * when unset, one is generated and printed once
 * @param sandbox the local sandbox ({@code LANTERN_SANDBOX=true}, set by the local stack): without it, a missing
 * Twilio auth token stops the start instead of leaving a service that refuses every webhook; only then are the
 * sandbox outbox's page and {@code /api/sandbox/messages} served (to signed-in staff)
 * @param sandboxToken the secret shown to the notifier to read its sandbox outbox ({@code LANTERN_SANDBOX_TOKEN})
 * @param adminPasswordFile where the first admin's generated password is written, readable only by this user
 * ({@code LANTERN_ADMIN_PASSWORD_FILE}; default {@code $TMPDIR/lantern-admin-password})
 */
@ConfigurationProperties("lantern")
public record CheckinProperties(String publicBaseUrl, String adminPassword, Twilio twilio, Sms sms, boolean sandbox,
		Intake intake, String sandboxToken, String adminPasswordFile) {

	public CheckinProperties {
		publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
				: publicBaseUrl.replaceAll("/+$", "");
		twilio = twilio == null ? new Twilio(null) : twilio;
		sms = sms == null ? new Sms(null, null, null) : sms;
		intake = intake == null ? new Intake(null, null, null, null, null) : intake;
		adminPasswordFile = adminPasswordFile == null || adminPasswordFile.isBlank()
				? System.getProperty("java.io.tmpdir") + "/lantern-admin-password" : adminPasswordFile;
	}

	/**
	 * @param spoolDir where a crisis waits on local disk while it cannot be stored ({@code LANTERN_INTAKE_SPOOL_DIR};
	 * keep it on a persistent volume)
	 * @param writers how many threads write check-ins, each many in one transaction ({@code LANTERN_INTAKE_WRITERS},
	 * default 2)
	 * @param batchSize at most this many check-ins in one transaction ({@code LANTERN_INTAKE_BATCH_SIZE}, default 256)
	 * @param spoolMaxFiles the most crises the spool keeps ({@code LANTERN_INTAKE_SPOOL_MAX_FILES}, 10,000: about
	 * 20 MB); past it a crisis is answered but not kept
	 * @param crisisWait the longest a crisis waits on the database before it is answered from the spool
	 * ({@code LANTERN_INTAKE_CRISIS_WAIT}, default 1s): a database that hangs never holds a person in crisis
	 */
	public record Intake(String spoolDir, Integer writers, Integer batchSize, Duration crisisWait,
			Integer spoolMaxFiles) {

		public Intake {
			spoolMaxFiles = spoolMaxFiles == null || spoolMaxFiles < 1 ? 10_000 : spoolMaxFiles;
			spoolDir = spoolDir == null || spoolDir.isBlank()
					? System.getProperty("java.io.tmpdir") + "/lantern-checkin-spool" : spoolDir;
			writers = writers == null || writers < 1 ? 2 : writers;
			batchSize = batchSize == null || batchSize < 1 ? 256 : batchSize;
			crisisWait = crisisWait == null || crisisWait.isNegative() || crisisWait.isZero() ? Duration.ofSeconds(1)
					: crisisWait;
		}
	}

	/**
	 * @param authToken the key of Twilio's webhook signatures ({@code LANTERN_TWILIO_AUTH_TOKEN}); without it
	 * every webhook is refused
	 */
	public record Twilio(String authToken) {
	}

	/**
	 * @param crisisWords words that make any message a crisis ({@code lantern.sms.crisis-words})
	 * @param programmeName who runs Lantern here, for the HELP reply
	 * @param programmePhone how to reach the programme, for the HELP reply
	 */
	public record Sms(List<String> crisisWords, String programmeName, String programmePhone) {

		/** Who the replies name when the deployment names no one: said in the reader's own language. */
		public static final String DEFAULT_PROGRAMME_NAME = "your care team";

		public Sms {
			crisisWords = crisisWords == null || crisisWords.isEmpty() ? DEFAULT_CRISIS_WORDS : crisisWords;
			programmeName = programmeName == null || programmeName.isBlank() ? DEFAULT_PROGRAMME_NAME : programmeName;
			programmePhone = programmePhone == null ? "" : programmePhone;
		}
	}

	static final List<String> DEFAULT_CRISIS_WORDS = List.of("suicide", "suicidal", "kill myself",
			"end my life", "end it all", "want to die", "better off dead", "hurt myself", "can't go on", "overdose",
			"overdosed", "overdosing", "od", "od'd", "no reason to live",
			// Spanish
			"suicidarme", "suicidio", "suicida", "matarme", "quitarme la vida", "quiero morir", "quiero morirme",
			"no quiero vivir", "hacerme daño", "sobredosis", "no puedo más", "no aguanto más");
}
