package app.lantern.checkin.oncall;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import app.lantern.events.OnCallRota;

/**
 * A weekly rotation: {@code members} take the rota in turn, each for a week from the hand-over ({@code handoverDay}
 * at {@code handoverTime} in {@code zone}, the first on or after {@code startsOn}); with {@code withFallback}, the
 * next in turn stands in. Hand-overs are local times: across DST a week is 167 or 169 hours. An override gives a
 * stretch of it (a day, a shift) to someone else, with the week's fallback still behind them.
 */
record Rotation(UUID id, String name, String programme, List<String> members, DayOfWeek handoverDay,
		LocalTime handoverTime, LocalDate startsOn, ZoneId zone, boolean withFallback, List<Override> overrides) {

	Rotation {
		members = List.copyOf(members);
		overrides = overrides == null ? List.of() : overrides.stream().sorted(Comparator.comparing(Override::startsAt))
			.toList();
	}

	/** {@code username} takes the rotation from {@code startsAt} to {@code endsAt}. */
	record Override(UUID id, Instant startsAt, Instant endsAt, String username) {
	}

	/** The hand-over that begins week {@code week} (0: the first). */
	Instant handover(long week) {
		LocalDate first = startsOn.with(TemporalAdjusters.nextOrSame(handoverDay));
		return ZonedDateTime.of(first.plusWeeks(week), handoverTime, zone).toInstant();
	}

	/** The rotation's shifts overlapping [{@code from}, {@code to}), overrides cut in, earliest first. */
	List<OnCallRota.Shift> shifts(Instant from, Instant to) {
		List<OnCallRota.Shift> shifts = new ArrayList<>();
		long week = Math.max(0, Duration.between(handover(0), from).toDays() / 7 - 1);
		for (Instant start = handover(week); start.isBefore(to); start = handover(++week)) {
			Instant end = handover(week + 1);
			if (!end.isAfter(from)) {
				continue;
			}
			String primary = members.get((int) (week % members.size()));
			String next = members.get((int) ((week + 1) % members.size()));
			String fallback = withFallback && !next.equals(primary) ? next : null;
			Instant at = start;
			int piece = 0;
			for (Override override : overrides) {
				if (!override.endsAt().isAfter(start) || !override.startsAt().isBefore(end)) {
					continue;
				}
				Instant cutFrom = override.startsAt().isAfter(start) ? override.startsAt() : start;
				Instant cutTo = override.endsAt().isBefore(end) ? override.endsAt() : end;
				if (cutFrom.isAfter(at)) {
					shifts.add(shift(week + ":" + piece++, at, cutFrom, primary, fallback));
				}
				if (cutTo.isAfter(at)) {
					// the week's fallback still stands behind whoever took it over
					String standIn = override.username().equals(fallback) ? null : fallback;
					shifts.add(shift(week + ":" + piece++ + ":override", cutFrom.isAfter(at) ? cutFrom : at, cutTo,
							override.username(), standIn));
					at = cutTo;
				}
			}
			if (end.isAfter(at)) {
				shifts.add(shift(week + ":" + piece, at, end, primary, fallback));
			}
		}
		return shifts;
	}

	private OnCallRota.Shift shift(String part, Instant start, Instant end, String primary, String fallback) {
		return new OnCallRota.Shift("rotation:" + id + ":" + part, start, end, primary, fallback, programme);
	}
}
