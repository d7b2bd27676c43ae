package app.lantern.checkin.registry;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.ClientProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads a client's whole record: the API view and the profile event are both built from it. */
@Component
public class ClientRecords {

	private final JdbcClient jdbc;

	private final Clock clock;

	ClientRecords(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public record ClientSummary(UUID id, String displayName, String status, Instant enrolledAt, Instant lastCheckInAt,
			String programme) {
	}

	/** The clients of these programmes, newest enrolment first; {@code prefix} matches the start of a name. */
	public List<ClientSummary> list(String prefix, String[] programmes) {
		return jdbc.sql("""
				select id, display_name, status, enrolled_at, last_check_in_at, programme_id from client
				where (cast(:prefix as text) is null or lower(display_name) like lower(:prefix) || '%')
				  and programme_id = any(:programmes)
				order by enrolled_at desc limit 1000""")
			.param("prefix", prefix == null || prefix.isBlank() ? null : prefix.replace("%", "").replace("_", ""))
			.param("programmes", programmes)
			.query((rs, n) -> new ClientSummary(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getString("status"), instant(rs, "enrolled_at"), instant(rs, "last_check_in_at"),
					rs.getString("programme_id")))
			.list();
	}

	public Optional<ClientView> find(UUID clientId) {
		Optional<ClientView> client = jdbc.sql("""
				select c.*, s.due_times, s.grace_minutes, s.reminder_minutes_before, s.effective_from, s.nudge_at_due,
				  s.nudge_minutes_after, s.plan, coalesce(c.language, p.language) as written_in
				from client c join schedule s on s.client_id = c.id join programme p on p.id = c.programme_id
				where c.id = ?""")
			.param(clientId)
			.query((rs, n) -> new ClientView(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getString("phone"), rs.getString("email"), rs.getString("timezone"), rs.getString("status"),
					rs.getInt("craving_threshold"), strings(rs.getArray("coping_plan")),
					new ClientView.ScheduleView(new ClientProfile.Schedule(ScheduleRows.times(rs.getArray("due_times")),
							rs.getInt("grace_minutes"), rs.getInt("reminder_minutes_before"), instant(rs, "effective_from"),
							rs.getBoolean("nudge_at_due"), rs.getInt("nudge_minutes_after"), ScheduleRows.plan(rs.getString("plan")))),
					List.of(), instant(rs, "enrolled_at"), instant(rs, "last_check_in_at"), rs.getLong("profile_version"),
					null, rs.getString("programme_id"), rs.getObject("resume_on", LocalDate.class),
					awayNow(instant(rs, "away_until")), rs.getString("written_in")))
			.optional();
		return client.map(view -> view.withContacts(contacts(clientId)));
	}

	/** The client's own away, while it lasts (one that has run out is no longer said). */
	private Instant awayNow(Instant until) {
		return until != null && until.isAfter(clock.instant()) ? until : null;
	}

	private List<ClientView.ContactView> contacts(UUID clientId) {
		Instant now = clock.instant();
		Map<UUID, List<ClientView.ConsentView>> consents = jdbc
			.sql("select * from consent where client_id = ? and contact_id is not null order by given_at")
			.param(clientId)
			.query((rs, n) -> Map.entry(rs.getObject("contact_id", UUID.class), consent(rs, now)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return jdbc.sql("select * from support_contact where client_id = ? order by tier, created_at")
			.param(clientId)
			.query((rs, n) -> {
				UUID id = rs.getObject("id", UUID.class);
				return new ClientView.ContactView(id, rs.getString("name"), rs.getString("role"), rs.getString("phone"),
						rs.getString("email"), strings(rs.getArray("channels")), rs.getInt("tier"),
						rs.getString("timezone"), time(rs, "quiet_start"), time(rs, "quiet_end"),
						rs.getBoolean("any_hour"), instant(rs, "sms_confirmed_at"), instant(rs, "email_confirmed_at"),
						consents.getOrDefault(id, List.of()), rs.getBoolean("digest"), rs.getString("language"));
			})
			.list();
	}

	private static ClientView.ConsentView consent(ResultSet rs, Instant now) throws SQLException {
		Instant given = instant(rs, "given_at");
		Instant expires = instant(rs, "expires_at");
		Instant revoked = instant(rs, "revoked_at");
		Instant signed = instant(rs, "signed_at");
		// a consent not yet signed discloses nothing
		boolean active = signed != null && ClientProfile.Consent.isActive(given, expires, revoked, now);
		return new ClientView.ConsentView(rs.getObject("id", UUID.class), strings(rs.getArray("alert_types")),
				rs.getString("purpose"), given, rs.getObject("expires_on", LocalDate.class), expires,
				rs.getString("recorded_by"), revoked, rs.getString("revoked_by"), active, rs.getString("expiry_event"),
				signed, rs.getString("signed_by"), rs.getString("signature"));
	}

	/** Locks the client's row for the change at hand and answers their zone; 404 when there is no such client. */
	ZoneId lockClient(UUID clientId) {
		return jdbc.sql("select timezone from client where id = ? for update")
			.param(clientId)
			.query(String.class)
			.optional()
			.map(ZoneId::of)
			.orElseThrow(() -> new NotFoundException("client"));
	}

	/** 404 unless the contact is one of the client's. */
	void requireContact(UUID clientId, UUID contactId) {
		boolean exists = jdbc.sql("select count(*) from support_contact where id = ? and client_id = ?")
			.params(contactId, clientId)
			.query(Integer.class)
			.single() > 0;
		if (!exists) {
			throw new NotFoundException("contact");
		}
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static LocalTime time(ResultSet rs, String column) throws SQLException {
		Time value = rs.getTime(column);
		return value == null ? null : value.toLocalTime();
	}

	static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}
