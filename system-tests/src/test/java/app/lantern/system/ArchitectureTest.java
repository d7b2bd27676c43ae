package app.lantern.system;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shape the code must keep: only {@code events/} and {@code platform/} are shared; no service reaches
 * another's code; {@code events/} is plain Java; the rules engine never reaches Twilio or mail; no service reads
 * the wall clock (time is passed in, or read from the injected {@link Clock}).
 */
class ArchitectureTest {

	private static final JavaClasses LANTERN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("app.lantern");

	@ParameterizedTest(name = "{0} reaches neither {1} nor {2}")
	@CsvSource(textBlock = """
			app.lantern.checkin..,  app.lantern.alert..,    app.lantern.notifier..
			app.lantern.alert..,    app.lantern.checkin..,  app.lantern.notifier..
			app.lantern.notifier.., app.lantern.checkin..,  app.lantern.alert..
			app.lantern.events..,   app.lantern.platform.., app.lantern.checkin..
			app.lantern.platform.., app.lantern.checkin..,  app.lantern.alert..
			""")
	void noServiceReachesAnothersCode(String module, String other, String another) {
		noClasses().that().resideInAPackage(module)
			.should().dependOnClassesThat().resideInAnyPackage(other, another)
			.check(LANTERN);
	}

	@Test
	void platformReachesNoService() {
		noClasses().that().resideInAPackage("app.lantern.platform..")
			.should().dependOnClassesThat().resideInAnyPackage("app.lantern.notifier..")
			.check(LANTERN);
	}

	@Test
	void eventsArePlainJavaWithoutSpring() {
		noClasses().that().resideInAPackage("app.lantern.events..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
			.check(LANTERN);
	}

	@Test
	void theRulesEngineNeverReachesTwilioOrMail() {
		noClasses().that().resideInAPackage("app.lantern.alert..")
			.should().dependOnClassesThat()
			.resideInAnyPackage("com.twilio..", "jakarta.mail..", "org.springframework.mail..")
			.check(LANTERN);
	}

	/** One clock, end to end: a test that moves the services' {@link Clock} moves every decision with it. */
	@Test
	void noServiceReadsTheWallClock() {
		noClasses().that().resideInAnyPackage("app.lantern.alert..", "app.lantern.notifier..", "app.lantern.checkin..")
			.should().callMethod(Instant.class, "now")
			.orShould().callMethod(Clock.class, "systemUTC")
			.orShould().callMethod(Clock.class, "systemDefaultZone")
			.orShould().callMethod(System.class, "currentTimeMillis")
			.orShould().callMethod(LocalDate.class, "now")
			.orShould().callMethod(LocalTime.class, "now")
			.orShould().callMethod(LocalDateTime.class, "now")
			.orShould().callMethod(ZonedDateTime.class, "now")
			.check(LANTERN);
	}
}
