package app.lantern.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import app.lantern.events.Topics;
import app.lantern.testsupport.Enrolments;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client and their sponsor who read Spanish, through the real services: the welcome, the sponsor's invitation (to
 * which the sponsor says SÍ, and is answered in Spanish), the ladder's nudge at the due time and, once the clock
 * passes the deadline, the missed check-in to the sponsor — every one in Spanish, with the Spanish Part 2 notice.
 */
@Order(13)
@ExtendWith(SandboxPlatform.class)
class SpanishTest {

	@Test
	void aSpanishSpeakingClientAndSponsorAreWrittenToInSpanish() {
		Staff staff = SandboxPlatform.staff();
		String programme = staff.newProgramme("Spanish");
		Staff.Due due = staff.dueIn(Duration.ofMinutes(10));
		Map<String, Object> inSpanish = new HashMap<>(Staff.dueDaily(programme, due, 1, true, 0));
		inSpanish.put("language", "es");
		String client = Enrolments.enrol(staff.api, Enrolments.client("Bo", "+12025550154", inSpanish));
		String sponsor = Enrolments.addSponsor(staff.api, client, "Sam", "+12025550155");
		Enrolments.consent(staff.api, client, sponsor, "MISSED_CHECKIN");

		await().atMost(Duration.ofSeconds(30)).until(() -> staff.textsTo("+12025550155").stream().anyMatch(
				body -> body.startsWith("Bo lo agregó como contacto de apoyo en Lantern. Responda SÍ para recibir alertas")));
		assertThat(staff.text("+12025550155", "Sí")).contains("Recibirá alertas de Lantern");
		staff.awaitOptedIn(client);
		staff.awaitEngineRead(Topics.CLIENT_PROFILES, client);

		staff.moveClockTo(due.at().plusSeconds(1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(staff.textsTo("+12025550154"))
			.contains("Lantern: ¿sigue ahí? Responda con un número de 0 a 10, por ejemplo 7."));
		staff.moveClockTo(due.plus(Duration.ofMinutes(1)).plusSeconds(1));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(staff.textsTo("+12025550155"))
			.anySatisfy(body -> assertThat(body).startsWith("Lantern: Bo no se reportó a tiempo a las")
				.contains("42 CFR Parte 2")));

		List<String> all = Stream.concat(staff.textsTo("+12025550154").stream(), staff.textsTo("+12025550155").stream())
			.toList();
		assertThat(all).as("every message to the client and the sponsor, in Spanish").hasSize(4)
			.allSatisfy(body -> assertThat(body).containsAnyOf("quedó inscrito", "lo agregó como contacto", "¿sigue ahí?",
					"no se reportó").doesNotContain("Reply", "Federal law"));
	}
}
