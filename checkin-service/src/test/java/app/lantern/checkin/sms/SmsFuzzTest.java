package app.lantern.checkin.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import app.lantern.checkin.StaffApi;
import app.lantern.checkin.TestPhones;
import app.lantern.checkin.intake.CrisisWords;
import app.lantern.checkin.CheckinServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 10,000 random and adversarial SMS bodies with valid signatures, and malformed forms: never a 5xx, and only
 * what the grammar reads as a check-in or a crisis becomes a check-in.
 */
@CheckinServiceTest
class SmsFuzzTest {

	private static final String[] PIECES = { "7", "10", "11", "0", "-1", "999999999999", "mood", "m", "c", "craving",
			"used", "is", "/10", "/", ":", ".", ",", " ", "  ", "\n", "\t", "😀", "😞", "🔥", "ñ", "ü", "中文", "\u0000",
			"\u202e", "\uFEFF", "'", "\"", "<", ">", "&", "<script>alert(1)</script>", "]]>", "%s", "%n", "${jndi:x}",
			"#{1+1}", "'; drop table check_in; --", "\\", "STOP", "stop", "HELP", "YES", "OK", "start", "can't go on",
			"kill myself", "overdose", "suicide", "od", "i", "used 6", "c7 m3", "7/10", "3 mood 2", "a", "b", "the",
			"craving is 7", "5", "9", "x".repeat(2000) };

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CrisisWords crisisWords;

	@Test
	void tenThousandBodiesNeverFailAndOnlyReadableOnesBecomeCheckIns() throws Exception {
		String phone = TestPhones.next();
		String clientId = StaffApi.enrol(StaffApi.admin(port), "Fuzz", phone);
		TwilioRequests twilio = new TwilioRequests(port);
		SmsGrammar grammar = new SmsGrammar(crisisWords);
		Random random = new Random(20261122);
		List<String> bodies = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			bodies.add(body(random));
		}
		long expectedCheckIns = bodies.stream().map(grammar::read)
			.filter(message -> message instanceof SmsMessage.CheckIn || message instanceof SmsMessage.Crisis)
			.count();
		AtomicInteger serverErrors = new AtomicInteger();
		AtomicInteger notOk = new AtomicInteger();

		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<?>> sends = new ArrayList<>();
		for (String body : bodies) {
			sends.add(pool.submit(() -> {
				var answer = twilio.sms(phone, body, SmsWebhookTest.sid());
				if (answer.getStatusCode().is5xxServerError()) {
					serverErrors.incrementAndGet();
				}
				else if (!answer.getStatusCode().is2xxSuccessful() || !answer.getBody().contains("<Message>")) {
					notOk.incrementAndGet();
				}
			}));
		}
		for (Future<?> send : sends) {
			send.get();
		}
		pool.shutdown();

		assertThat(serverErrors).hasValue(0);
		assertThat(notOk).hasValue(0);
		assertThat(jdbc.sql("select count(*) from check_in where client_id = ?::uuid").param(clientId)
			.query(Long.class).single()).isEqualTo(expectedCheckIns);
		assertThat(expectedCheckIns).as("the mix holds both kinds").isBetween(500L, 9_500L);
	}

	@Test
	void malformedFormsGetAClearAnswerAndChangeNothing() {
		TwilioRequests twilio = new TwilioRequests(port);
		record Case(Map<String, String> form, HttpStatus status, String body) {
		}
		List<Case> cases = List.of(
				new Case(Map.of(), HttpStatus.BAD_REQUEST, "From and MessageSid are required"),
				new Case(Map.of("Body", "7"), HttpStatus.BAD_REQUEST, "From and MessageSid are required"),
				new Case(Map.of("From", "+12025550100"), HttpStatus.BAD_REQUEST, "From and MessageSid are required"),
				new Case(Map.of("From", "", "MessageSid", "SM1", "Body", "7"), HttpStatus.BAD_REQUEST,
						"From and MessageSid are required"),
				// a sender no one knows gets the neutral reply, whatever the From looks like
				new Case(Map.of("From", "not a number", "MessageSid", TwilioRequests.sid()), HttpStatus.OK, "<Message>"),
				// a MessageSid Twilio never makes is no message of Twilio's
				new Case(Map.of("From", "+12025550100", "MessageSid", "SM2-" + UUID.randomUUID(), "Body", "7"),
						HttpStatus.BAD_REQUEST, "MessageSid is not Twilio's"),
				new Case(Map.of("From", "+1".repeat(500), "MessageSid", "S".repeat(5000), "Body", "7"),
						HttpStatus.BAD_REQUEST, "MessageSid"));
		long inboundBefore = jdbc.sql("select count(*) from inbound_sms").query(Long.class).single();
		long checkInsBefore = jdbc.sql("select count(*) from check_in").query(Long.class).single();
		for (Case one : cases) {
			var answer = twilio.post("/twilio/sms", one.form(),
					TwilioRequests.sign("http://localhost:8080/twilio/sms", one.form(), TwilioRequests.AUTH_TOKEN));
			assertThat(answer.getStatusCode()).as(one.form().keySet().toString()).isEqualTo(one.status());
			assertThat(answer.getBody()).as(one.form().keySet().toString()).contains(one.body());
		}
		assertThat(jdbc.sql("select count(*) from inbound_sms").query(Long.class).single())
			.as("only the well-formed message from an unknown number is logged").isEqualTo(inboundBefore + 1);
		assertThat(jdbc.sql("select count(*) from check_in").query(Long.class).single()).isEqualTo(checkInsBefore);
	}

	private static String body(Random random) {
		int parts = random.nextInt(6);
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < parts; i++) {
			if (random.nextInt(5) == 0) {
				body.append((char) random.nextInt(0x20, 0x2FFF));
			}
			else {
				body.append(PIECES[random.nextInt(PIECES.length)]);
			}
			if (random.nextBoolean()) {
				body.append(' ');
			}
		}
		return body.toString();
	}
}
