package app.lantern.checkin.appointments;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One thing the client goes to: once ({@code onDate}) or on weekdays ({@code days}), at {@code at} in the client's
 * zone, {@code minutes} long, with a reminder {@code remindMinutes} before it (0: none) and, when {@code askAfter},
 * the question after it.
 *
 * @param title the client's own words for it ("NA at St Mark's"); shown to them and their care team, never sent
 */
public record Appointment(UUID id, UUID clientId, Kind kind, String title, Set<DayOfWeek> days, LocalDate onDate,
		LocalTime at, int minutes, int remindMinutes, boolean askAfter, String addedBy, Instant addedAt) {

	/** What it is: the only thing about it a message carries. */
	public enum Kind {
		THERAPY, MEETING, MEDICATION, CLINIC, OTHER
	}

	public Appointment {
		days = Set.copyOf(days);
	}

	public boolean repeats() {
		return !days.isEmpty();
	}

	/** The starts of this appointment on the days {@code from} to {@code to} (both included), in {@code zone}. */
	public List<Instant> startsBetween(LocalDate from, LocalDate to, ZoneId zone) {
		List<Instant> starts = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			if (repeats() ? days.contains(day.getDayOfWeek()) : day.equals(onDate)) {
				// a time that does not exist on a spring-forward day moves on by the gap, as the clock did
				starts.add(ZonedDateTime.of(day, at, zone).toInstant());
			}
		}
		return starts;
	}

	/** When it ends, after starting at {@code start}: when the question may be asked. */
	public Instant endsAfter(Instant start) {
		return start.plus(Duration.ofMinutes(minutes));
	}

	/** When its reminder goes, for the start {@code start}. */
	public Instant remindAt(Instant start) {
		return start.minus(Duration.ofMinutes(remindMinutes));
	}
}
