package app.lantern.checkin.programmes;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.EventJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;

/** The programmes, who belongs to which, and what the signed-in staff user may therefore see. */
@Service
public class Programmes {

	/** Every install has it: clients enrolled without a programme belong to it. */
	public static final String DEFAULT = "default";

	private static final TypeReference<Map<String, List<String>>> WORDS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	Programmes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * {@code maxAwayDays}: the longest away a client of the programme may text for ({@code AWAY n}; 0: none);
	 * {@code language}: what its clients and contacts are written to in unless their own says otherwise;
	 * {@code secondFactorRequired}: everyone who works in it signs in with a passkey or a password and a code;
	 * {@code followUpMissedHours}, {@code followUpDisengagingHours}: its follow-up policy (null: off);
	 * {@code escalationMinutes}: its own escalation timeout per kind of alert (a kind not in it: the deployment's);
	 * {@code crisisWords}: the words of crisis it adds in each language (to the deployment's); {@code smsName},
	 * {@code smsPhone}: who its HELP and crisis replies say to call (null: the deployment's);
	 * {@code quietHours}: those of a contact who set none of their own (null: none); {@code rules}: its own rules
	 * file (null: the deployment's).
	 */
	public record Programme(String id, String name, ZoneId timezone, String defaultRegion, int maxAwayDays,
			String language, boolean secondFactorRequired, Integer followUpMissedHours,
			Integer followUpDisengagingHours, Map<String, Integer> escalationMinutes,
			Map<String, List<String>> crisisWords, String smsName, String smsPhone, QuietHours quietHours,
			String rules) {
	}

	/** Local times in the contact's zone, [start, end); the span may cross midnight. */
	public record QuietHours(LocalTime start, LocalTime end) {
	}

	public List<Programme> all() {
		return jdbc.sql("""
				select id, name, timezone, default_region, max_away_days, language, second_factor_required,
				  follow_up_missed_hours, follow_up_disengaging_hours, escalation_minutes::text as escalation_minutes,
				  crisis_words::text as crisis_words, sms_name, sms_phone, quiet_start, quiet_end, rules
				from programme order by name""")
			.query((rs, n) -> new Programme(rs.getString("id"), rs.getString("name"), ZoneId.of(rs.getString("timezone")),
					rs.getString("default_region"), rs.getInt("max_away_days"), rs.getString("language"),
					rs.getBoolean("second_factor_required"), (Integer) rs.getObject("follow_up_missed_hours"),
					(Integer) rs.getObject("follow_up_disengaging_hours"), minutes(rs.getString("escalation_minutes")),
					words(rs.getString("crisis_words")), rs.getString("sms_name"), rs.getString("sms_phone"),
					rs.getObject("quiet_start") == null ? null : new QuietHours(rs.getObject("quiet_start", LocalTime.class),
							rs.getObject("quiet_end", LocalTime.class)), rs.getString("rules")))
			.list();
	}

	/** A programme's crisis words as stored: language → its words. */
	public static Map<String, List<String>> words(String json) {
		return new TreeMap<>(EventJson.mapper().readValue(json, WORDS));
	}

	private static Map<String, Integer> minutes(String json) {
		Map<String, Integer> minutes = new TreeMap<>();
		EventJson.mapper().readTree(json).properties().forEach(entry -> minutes.put(entry.getKey(), entry.getValue().asInt()));
		return minutes;
	}

	public Optional<Programme> find(String id) {
		return all().stream().filter(programme -> programme.id().equals(id)).findFirst();
	}

	/** The programme a client belongs to; empty when there is no such client. */
	public Optional<Programme> ofClient(UUID clientId) {
		return jdbc.sql("select programme_id from client where id = ?")
			.param(clientId)
			.query(String.class)
			.optional()
			.flatMap(this::find);
	}

	/** What the signed-in staff user may see; nothing at all when no one is signed in. */
	public ProgrammeScope current() {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		if (signedIn == null || !signedIn.isAuthenticated()) {
			return new ProgrammeScope(Set.of(), false);
		}
		boolean admin = signedIn.getAuthorities().stream().anyMatch(role -> role.getAuthority().equals("ROLE_ADMIN"));
		if (admin) {
			return new ProgrammeScope(new HashSet<>(jdbc.sql("select id from programme").query(String.class).list()),
					true);
		}
		return new ProgrammeScope(new HashSet<>(memberships(signedIn.getName())), false);
	}

	public List<String> memberships(String username) {
		return jdbc.sql("select programme_id from staff_programme where username = ? order by programme_id")
			.param(username)
			.query(String.class)
			.list();
	}

	/**
	 * 404 unless the signed-in staff user may see this client (an unknown client is 404 too). One indexed query: it
	 * stands before every check-in posted through the API.
	 */
	public void requireClient(UUID clientId) {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		boolean admin = signedIn != null && signedIn.getAuthorities().stream()
			.anyMatch(role -> role.getAuthority().equals("ROLE_ADMIN"));
		boolean visible = signedIn != null && jdbc.sql("""
				select exists (select 1 from client c where c.id = ? and (? or c.programme_id in (
				  select programme_id from staff_programme where username = ?)))""")
			.params(clientId, admin, signedIn.getName())
			.query(Boolean.class)
			.single();
		if (!visible) {
			throw new NotFoundException("client");
		}
	}

	/** 404 unless the signed-in staff user may see this alert's client. */
	public void requireAlert(UUID alertId) {
		UUID clientId = jdbc.sql("select client_id from alert where id = ?")
			.param(alertId)
			.query(UUID.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("alert"));
		try {
			requireClient(clientId);
		}
		catch (NotFoundException ex) {
			throw new NotFoundException("alert");
		}
	}
}
