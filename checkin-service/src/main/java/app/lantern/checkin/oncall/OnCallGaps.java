package app.lantern.checkin.oncall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.lantern.checkin.programmes.Programmes;
import app.lantern.events.OnCallRota;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Where the rota has no one on call in the coming week, per programme — said before it happens: on the console's
 * on-call page, and as {@code lantern_oncall_uncovered_hours{programme}} for the alert rule that tells an operator to
 * staff it. (A crisis in a gap still reaches the programme's staff with a phone, then every ADMIN.)
 */
@Component
class OnCallGaps {

	/** How far ahead the rota is looked at. */
	static final Duration AHEAD = Duration.ofDays(7);

	private final OnCallRotaStore rota;

	private final Programmes programmes;

	private final Clock clock;

	private final MultiGauge uncovered;

	OnCallGaps(OnCallRotaStore rota, Programmes programmes, Clock clock, MeterRegistry meters) {
		this.rota = rota;
		this.programmes = programmes;
		this.clock = clock;
		this.uncovered = MultiGauge.builder("lantern.oncall.uncovered.hours")
			.description("hours in the next 7 days when no one is on call for the programme's clients")
			.register(meters);
	}

	/** A programme's gaps in the coming week, earliest first. */
	List<OnCallRota.Gap> of(String programme) {
		Instant now = clock.instant();
		return OnCallRota.of(0, rota.programmeZone(), rota.shifts(), List.of(), now).gapsFor(programme, now,
				now.plus(AHEAD));
	}

	@Scheduled(fixedDelay = 60_000, initialDelay = 5_000)
	void measure() {
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (Programmes.Programme programme : programmes.all()) {
			double hours = of(programme.id()).stream().mapToLong(gap -> gap.length().toMinutes()).sum() / 60.0;
			rows.add(MultiGauge.Row.of(Tags.of("programme", programme.id()), hours));
		}
		uncovered.register(rows, true);
	}
}
