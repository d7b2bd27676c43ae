package app.lantern.checkin.oncall;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.events.OnCallRota;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The weekly rotations and their overrides in PostgreSQL, and the shifts they make over a stretch of time. */
@Component
class OnCallRotations {

	private final JdbcClient jdbc;

	private final Clock clock;

	OnCallRotations(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<Rotation> all() {
		Map<UUID, List<Rotation.Override>> overrides = jdbc.sql("""
				select id, rotation_id, starts_at, ends_at, username from on_call_override where ends_at > ?""")
			.param(Timestamp.from(clock.instant().minus(Duration.ofDays(7))))
			.query((rs, n) -> Map.entry(rs.getObject("rotation_id", UUID.class), new Rotation.Override(
					rs.getObject("id", UUID.class), rs.getTimestamp("starts_at").toInstant(),
					rs.getTimestamp("ends_at").toInstant(), rs.getString("username"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return jdbc.sql("select * from on_call_rotation order by name, created_at")
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				return new Rotation(id, rs.getString("name"), rs.getString("programme_id"),
						List.of((String[]) rs.getArray("members").getArray()), DayOfWeek.of(rs.getInt("handover_day")),
						rs.getObject("handover_time", LocalTime.class), rs.getObject("starts_on", LocalDate.class),
						ZoneId.of(rs.getString("zone")), rs.getBoolean("with_fallback"), overrides.getOrDefault(id, List.of()));
			})
			.list();
	}

	Optional<Rotation> find(UUID id) {
		return all().stream().filter(rotation -> rotation.id().equals(id)).findFirst();
	}

	/** Every rotation's shifts overlapping [{@code from}, {@code to}). */
	List<OnCallRota.Shift> shifts(Instant from, Instant to) {
		return all().stream().flatMap(rotation -> rotation.shifts(from, to).stream()).toList();
	}

	UUID add(Rotation rotation, String by) {
		jdbc.sql("""
				insert into on_call_rotation (id, name, programme_id, members, handover_day, handover_time, starts_on,
				  zone, with_fallback, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(rotation.id(), rotation.name(), rotation.programme(), rotation.members().toArray(String[]::new),
					rotation.handoverDay().getValue(), Time.valueOf(rotation.handoverTime()),
					Date.valueOf(rotation.startsOn()), rotation.zone().getId(), rotation.withFallback(), by,
					Timestamp.from(clock.instant()))
			.update();
		return rotation.id();
	}

	boolean remove(UUID id) {
		return jdbc.sql("delete from on_call_rotation where id = ?").param(id).update() > 0;
	}

	UUID addOverride(UUID rotation, Rotation.Override override, String by) {
		jdbc.sql("""
				insert into on_call_override (id, rotation_id, starts_at, ends_at, username, created_by, created_at)
				values (?, ?, ?, ?, ?, ?, ?)""")
			.params(override.id(), rotation, Timestamp.from(override.startsAt()), Timestamp.from(override.endsAt()),
					override.username(), by, Timestamp.from(clock.instant()))
			.update();
		return override.id();
	}

	boolean removeOverride(UUID rotation, UUID id) {
		return jdbc.sql("delete from on_call_override where id = ? and rotation_id = ?").params(id, rotation).update() > 0;
	}
}
