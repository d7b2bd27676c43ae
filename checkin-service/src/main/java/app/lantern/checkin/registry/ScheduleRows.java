package app.lantern.checkin.registry;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import app.lantern.events.ClientProfile;
import app.lantern.events.DuePlan;
import app.lantern.events.EventJson;

/** A schedule as the {@code schedule} table keeps it: its every-day times, and its plan as JSON (null: none). */
public final class ScheduleRows {

	private ScheduleRows() {
	}

	/**
	 * The due times of a row that selects {@code due_times}, {@code grace_minutes} and {@code plan}: enough to say
	 * when each is due and when it was kept (no reminders, no nudges).
	 */
	public static ClientProfile.Schedule dueTimes(ResultSet rs) throws SQLException {
		return new ClientProfile.Schedule(times(rs.getArray("due_times")), rs.getInt("grace_minutes"), 0, Instant.EPOCH,
				false, 0, plan(rs.getString("plan")));
	}

	static List<LocalTime> times(Array array) throws SQLException {
		return Arrays.stream((Time[]) array.getArray()).map(Time::toLocalTime).toList();
	}

	static DuePlan plan(String json) {
		return json == null ? null : EventJson.read(json, DuePlan.class);
	}

	static String json(DuePlan plan) {
		return plan == null || plan.isEmpty() ? null : EventJson.writeString(plan);
	}
}
