package app.lantern.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ClientProfileTest {

	private static final Instant GIVEN = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void aConsentIsActiveOnlyBetweenGivenAndTheEarlierOfExpiryAndRevocation() {
		var consent = new ClientProfile.Consent("k", Set.of(AlertType.CRISIS), "care", GIVEN, null,
				Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));

		assertThat(consent.isActiveAt(GIVEN.minusSeconds(1))).isFalse();
		assertThat(consent.isActiveAt(GIVEN)).isTrue();
		assertThat(consent.isActiveAt(Instant.parse("2026-02-28T23:59:59Z"))).isTrue();
		assertThat(consent.isActiveAt(Instant.parse("2026-03-01T00:00:00Z"))).isFalse();
	}

	@Test
	void aConsentCoversOnlyItsAlertTypes() {
		var consent = new ClientProfile.Consent("k", Set.of(AlertType.CRISIS), "care", GIVEN, null, null, null);

		assertThat(consent.covers(AlertType.CRISIS, GIVEN.plusSeconds(60))).isTrue();
		assertThat(consent.covers(AlertType.HIGH_CRAVING, GIVEN.plusSeconds(60))).isFalse();
	}

	@Test
	void quietHoursMayCrossMidnight() {
		var night = new ClientProfile.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));

		assertThat(night.contains(LocalTime.of(23, 30))).isTrue();
		assertThat(night.contains(LocalTime.of(6, 59))).isTrue();
		assertThat(night.contains(LocalTime.of(7, 0))).isFalse();
		assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
	}

	@Test
	void dueTimesAreKeptSortedAndDistinct() {
		assertThat(Samples.profile().schedule().dueTimes()).containsExactly(LocalTime.of(9, 0), LocalTime.of(21, 0));
	}
}
