package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file refuses the sandbox beside real Twilio or SMTP settings: its {@code settings-check} runs first
 * and both services wait for it to succeed. Docker is not here, so its command is run as compose would run it —
 * bash, with the environment compose gives it ({@code $$} is compose's escape for {@code $}).
 */
class ComposeFileTest {

	private static final Path COMPOSE = Path.of("../infra/docker-compose.yml");

	@ParameterizedTest(name = "sandbox {0}, Twilio SID ''{1}'', mail host ''{2}'': starts {3}")
	@CsvSource(textBlock = """
			true,  '',     '',          true
			true,  AC123,  '',          false
			true,  '',     smtp.org,    false
			false, AC123,  smtp.org,    true
			false, '',     '',          true
			""")
	@SuppressWarnings("unchecked")
	void theSandboxNeverStartsBesideRealTwilioOrSmtpSettings(String sandbox, String twilioSid, String mailHost,
			boolean starts) throws Exception {
		Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> check = (Map<String, Object>) services.get("settings-check");
		for (String service : List.of("checkin-service", "notifier-service")) {
			Map<String, Object> dependsOn = (Map<String, Object>) ((Map<String, Object>) services.get(service))
				.get("depends_on");
			assertThat(dependsOn).as(service).containsEntry("settings-check",
					Map.of("condition", "service_completed_successfully"));
		}
		List<String> command = ((List<String>) check.get("command")).stream().map(part -> part.replace("$$", "$"))
			.toList();

		ProcessBuilder bash = new ProcessBuilder(command).redirectErrorStream(true);
		bash.environment().putAll(Map.of("LANTERN_SANDBOX", sandbox, "LANTERN_TWILIO_ACCOUNT_SID", twilioSid,
				"LANTERN_TWILIO_AUTH_TOKEN", "", "SPRING_MAIL_HOST", mailHost));
		Process run = bash.start();
		String said = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(run.waitFor() == 0).as(said).isEqualTo(starts);
		if (!starts) {
			assertThat(said).contains("LANTERN_SANDBOX=true beside real Twilio or SMTP settings");
		}
	}
}
