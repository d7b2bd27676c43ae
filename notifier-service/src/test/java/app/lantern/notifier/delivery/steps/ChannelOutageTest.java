package app.lantern.notifier.delivery.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ChannelOutageTest {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final ChannelOutage outage = new ChannelOutage();

	@Test
	void aChannelRestsUntilItsTimeThenIsTriedAgain() {
		assertThat(outage.failed()).isEqualTo(1);
		assertThat(outage.failed()).isEqualTo(2);
		assertThat(outage.restingAt(NOW)).as("failures alone do not rest it: the policy decides").isEmpty();

		outage.restUntil(NOW.plusSeconds(30));

		assertThat(outage.restingAt(NOW.plusSeconds(29))).contains(NOW.plusSeconds(30));
		assertThat(outage.restingAt(NOW.plusSeconds(30))).as("after the rest, a send tries for real").isEmpty();
	}

	@Test
	void oneSuccessEndsTheOutageAndTheCount() {
		outage.failed();
		outage.failed();
		outage.restUntil(NOW.plusSeconds(30));

		outage.succeeded();

		assertThat(outage.restingAt(NOW)).isEmpty();
		assertThat(outage.failed()).as("the count starts again after a success").isEqualTo(1);
	}
}
