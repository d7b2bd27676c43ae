package app.lantern.checkin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import app.lantern.checkin.web.InvalidFieldsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The registry's checks as tables: each wrong field is named, all at once, and nothing is half-accepted. */
class RegistryChecksTest {

	private static final LocalDate TODAY = LocalDate.parse("2026-11-29");

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			# case                         | name   | phone          | email         | zone             | due times   | grace | reminder | threshold | plan           | wrong fields
			all good                       | Jordan | +12025550143   | none          | America/New_York | 09:00,21:00 | none  | none     | none      | call Sam       | none
			no name                        | ' '    | +12025550143   | none          | America/New_York | 09:00       | none  | none     | none      | none           | displayName
			a phone as people type it      | Jordan | (202) 555-0198 | none          | America/New_York | 09:00       | none  | none     | none      | none           | none
			a phone too short to text      | Jordan | 555-0143       | none          | America/New_York | 09:00       | none  | none     | none      | none           | phone
			an e-mail without a domain     | Jordan | +12025550143   | jordan@       | America/New_York | 09:00       | none  | none     | none      | none           | email
			an unknown time zone           | Jordan | +12025550143   | none          | Mars/Olympus     | 09:00       | none  | none     | none      | none           | timezone
			a due time that is no time     | Jordan | +12025550143   | none          | America/New_York | 9am         | none  | none     | none      | none           | schedule.dueTimes[0]
			due times to the second        | Jordan | +12025550143   | none          | America/New_York | 09:00:30,21:00 | none | none  | none      | none           | none
			seconds out of range           | Jordan | +12025550143   | none          | America/New_York | 09:00:61    | none  | none     | none      | none           | schedule.dueTimes[0]
			no due time                    | Jordan | +12025550143   | none          | America/New_York | none        | none  | none     | none      | none           | schedule.dueTimes
			grace out of range             | Jordan | +12025550143   | none          | America/New_York | 09:00       | 0     | none     | none      | none           | schedule.graceMinutes
			reminder out of range          | Jordan | +12025550143   | none          | America/New_York | 09:00       | none  | 721      | none      | none           | schedule.reminderMinutesBefore
			threshold out of range         | Jordan | +12025550143   | none          | America/New_York | 09:00       | none  | none     | 11        | none           | cravingThreshold
			a blank step in the plan       | Jordan | +12025550143   | none          | America/New_York | 09:00       | none  | none     | none      | walk; ;rest    | copingPlan[1]
			everything wrong at once       | none   | none           | x             | UTC+99           | 25:00       | 0     | -1       | -1        | none           | displayName,phone,email,timezone,schedule.dueTimes[0],schedule.graceMinutes,schedule.reminderMinutesBefore,cravingThreshold
			""")
	void anEnrolmentNamesEveryWrongField(String what, String name, String phone, String email, String zone,
			String dueTimes, Integer grace, Integer reminder, Integer threshold, String plan, String wrongFields) {
		var request = new RegistryRequests.Enrolment(name, phone, email, zone,
				new RegistryRequests.ScheduleBody(dueTimes == null ? null : List.of(dueTimes.split(",")), grace,
						reminder),
				threshold, plan == null ? null : List.of(plan.split(";")));

		if (wrongFields == null) {
			RegistryChecks.Enrolment enrolment = RegistryChecks.enrolment(request, TODAY, "US");
			assertThat(enrolment.schedule().graceMinutes()).as("the default grace").isEqualTo(60);
			assertThat(enrolment.schedule().reminderMinutesBefore()).as("the default reminder").isEqualTo(30);
			assertThat(enrolment.cravingThreshold()).as("the default threshold").isEqualTo(8);
			return;
		}
		assertThatThrownBy(() -> RegistryChecks.enrolment(request, TODAY, "US"))
			.isInstanceOfSatisfying(InvalidFieldsException.class, invalid -> assertThat(
					invalid.errors().stream().map(InvalidFieldsException.FieldError::field))
				.containsExactlyInAnyOrderElementsOf(Arrays.asList(wrongFields.split(","))));
	}

	/** The reminder ladder's nudges: optional, and the one after the due time falls inside the grace. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			# case                              | grace | at due | minutes after | wrong field
			no nudges (absent)                  | 60    | none   | none          | none
			at the due time and 20 minutes on   | 60    | true   | 20            | none
			inside the grace only               | 60    | false  | 45            | none
			as long as the grace: after it      | 60    | true   | 60            | nudgeMinutesAfter
			negative                            | 60    | none   | -5            | nudgeMinutesAfter
			""")
	void theLaddersNudgesFallInsideTheGrace(String what, int grace, Boolean atDue, Integer after, String wrongField) {
		var body = new RegistryRequests.ScheduleBody(List.of("09:00"), grace, 30, atDue, after);

		if (wrongField == null) {
			RegistryChecks.Schedule schedule = RegistryChecks.schedule(body);
			assertThat(schedule.nudgeAtDue()).isEqualTo(Boolean.TRUE.equals(atDue));
			assertThat(schedule.nudgeMinutesAfter()).isEqualTo(after == null ? 0 : after);
			return;
		}
		assertThatThrownBy(() -> RegistryChecks.schedule(body)).isInstanceOfSatisfying(InvalidFieldsException.class,
				invalid -> assertThat(invalid.errors()).extracting(InvalidFieldsException.FieldError::field)
					.containsExactly(wrongField));
	}

	@ParameterizedTest(name = "{0} in {1} is {2}")
	@CsvSource(delimiter = '|', textBlock = """
			(202) 555-0198       | US | +12025550198
			202.555.0198         | US | +12025550198
			+44 7911 123456      | US | +447911123456
			07911 123456         | GB | +447911123456
			""")
	void aPhoneIsReadAsTypedInTheProgrammesCountry(String typed, String region, String e164) {
		assertThat(PhoneNumbers.e164(typed, region)).isEqualTo(e164);
	}

	@Test
	void aWrongPhoneIsExplainedInACaseManagersWords() {
		var request = new RegistryRequests.NewContact("Sam", "SPONSOR", "555-01", null, List.of("SMS"), 1, null, null,
				null);

		assertThatThrownBy(() -> NetworkChecks.contact(request, "US"))
			.isInstanceOfSatisfying(InvalidFieldsException.class, invalid -> assertThat(invalid.errors().get(0).message())
				.contains("(202) 555-0198").doesNotContain("E.164"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			# case                          | name | role    | phone        | email       | channels  | tier | quiet from | quiet to | wrong fields
			a sponsor by SMS                | Sam  | SPONSOR | +12025550111 | none        | SMS       | 1    | none       | none     | none
			SMS without a phone             | Sam  | SPONSOR | none         | none        | SMS       | 1    | none       | none     | phone
			e-mail without an address       | Sam  | FAMILY  | +12025550111 | none        | EMAIL     | 1    | none       | none     | email
			an unknown role                 | Sam  | BOSS    | +12025550111 | none        | SMS       | 1    | none       | none     | role
			an unknown channel              | Sam  | PEER    | +12025550111 | none        | SMS,FAX   | 1    | none       | none     | channels[1]
			no channel                      | Sam  | PEER    | +12025550111 | none        | none      | 1    | none       | none     | channels
			tier 4 (tier 3 is the last)     | Sam  | PEER    | +12025550111 | none        | SMS       | 4    | none       | none     | tier
			quiet hours with no end         | Sam  | PEER    | +12025550111 | none        | SMS       | 1    | 22:00      | none     | quietHours
			quiet hours not in HH:mm        | Sam  | PEER    | +12025550111 | none        | SMS       | 1    | 10pm       | 07:00    | quietHours.start,quietHours
			""")
	void aContactNamesEveryWrongField(String what, String name, String role, String phone, String email,
			String channels, Integer tier, String quietFrom, String quietTo, String wrongFields) {
		var quiet = quietFrom == null && quietTo == null ? null
				: new RegistryRequests.QuietHoursBody(quietFrom, quietTo);
		var request = new RegistryRequests.NewContact(name, role, phone, email,
				channels == null ? null : List.of(channels.split(",")), tier, null, quiet, null);

		if (wrongFields == null) {
			assertThat(NetworkChecks.contact(request, "US").phone()).isEqualTo(phone);
			return;
		}
		assertThatThrownBy(() -> NetworkChecks.contact(request, "US"))
			.isInstanceOfSatisfying(InvalidFieldsException.class, invalid -> assertThat(
					invalid.errors().stream().map(InvalidFieldsException.FieldError::field))
				.containsExactlyInAnyOrderElementsOf(Arrays.asList(wrongFields.split(","))));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			# case                                  | types                     | purpose  | expires on | expiry event | wrong fields
			until a date                            | MISSED_CHECKIN,CRISIS     | support  | 2027-01-31 | none         | none
			until an event (42 CFR 2.31(a)(6))      | CRISIS                    | support  | none       | discharge    | none
			ends today: still allowed               | CRISIS                    | support  | 2026-11-29 | none         | none
			no end at all                           | CRISIS                    | support  | none       | none         | expiresOn
			ended yesterday                         | CRISIS                    | support  | 2026-11-28 | none         | expiresOn
			an unknown alert type                   | CRISIS,BAD_DAY            | support  | 2027-01-31 | none         | alertTypes[1]
			the client's own away (staff only)      | CRISIS,AWAY               | support  | 2027-01-31 | none         | alertTypes[1]
			no alert type                           | none                      | support  | 2027-01-31 | none         | alertTypes
			no purpose                              | CRISIS                    | none     | 2027-01-31 | none         | purpose
			a date that is no date                  | CRISIS                    | support  | 31/01/2027 | none         | expiresOn
			""")
	void aConsentStatesItsScopePurposeAndEnd(String what, String types, String purpose, String expiresOn,
			String expiryEvent, String wrongFields) {
		var request = new RegistryRequests.NewConsent(types == null ? null : List.of(types.split(",")), purpose,
				expiresOn, expiryEvent);

		if (wrongFields == null) {
			assertThat(NetworkChecks.consent(request, TODAY).alertTypes()).hasSize(types.split(",").length);
			return;
		}
		assertThatThrownBy(() -> NetworkChecks.consent(request, TODAY))
			.isInstanceOfSatisfying(InvalidFieldsException.class, invalid -> assertThat(
					invalid.errors().stream().map(InvalidFieldsException.FieldError::field))
				.containsExactlyInAnyOrderElementsOf(Arrays.asList(wrongFields.split(","))));
	}
}
