package app.lantern.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import app.lantern.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class ChannelOutageTest {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final ChannelOutage outage = new ChannelOutage(3, Duration.ofSeconds(30), clock);

	@Test
	void aChannelThatFailsAgainAndAgainRestsThenIsTriedAgain() {
		assertThat(outage.failed()).isFalse();
		assertThat(outage.failed()).isFalse();
		assertThat(outage.allows()).as("two failures are not an outage").isTrue();

		assertThat(outage.failed()).as("the third in a row is").isTrue();
		assertThat(outage.allows()).isFalse();
		assertThat(outage.restingUntil()).isEqualTo(Instant.parse("2026-11-22T10:00:30Z"));

		clock.advance(Duration.ofSeconds(29));
		assertThat(outage.allows()).isFalse();
		clock.advance(Duration.ofSeconds(1));
		assertThat(outage.allows()).as("after the rest, a send tries for real").isTrue();

		assertThat(outage.failed()).as("and failing again rests again at once").isTrue();
		assertThat(outage.allows()).isFalse();
	}

	@Test
	void oneSuccessEndsTheOutageAndTheCount() {
		outage.failed();
		outage.failed();
		outage.succeeded();
		outage.failed();
		outage.failed();
		assertThat(outage.allows()).as("the count starts again after a success").isTrue();
	}
}
