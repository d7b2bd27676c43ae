package app.lantern.checkin.programmes;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.web.FieldChecks;
import app.lantern.events.EventJson;
import app.lantern.events.Languages;
import app.lantern.platform.rules.InvalidRuleException;
import app.lantern.platform.rules.RuleBook;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The parts of a programme's policy that speak to people: the crisis words it adds, who its replies say to call,
 * the quiet hours of a contact who set none — and every change of the whole policy kept as a numbered version.
 */
@Component
public class ProgrammePolicies {

	static final int MOST_WORDS = 50;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	ProgrammePolicies(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** A programme's policy changed: published in the transaction; heard after it commits. */
	public record Changed(String programme) {
	}

	/** One version of a programme's policy: what it was from {@code changedAt}, and who made it so. */
	public record Version(int version, Instant changedAt, String changedBy, Programmes.Programme policy) {
	}

	/** The longest rules file a programme may keep (it travels in every client's profile). */
	static final int MOST_RULES_CHARACTERS = 16_000;

	static void check(NewProgramme body, String region, FieldChecks checks) {
		if (body.rules() != null && !body.rules().isBlank()) {
			if (body.rules().length() > MOST_RULES_CHARACTERS) {
				checks.reject("rules", "must be at most " + MOST_RULES_CHARACTERS + " characters");
			}
			else {
				try {
					RuleBook.parse(body.rules(), "the rules file");
				}
				catch (InvalidRuleException ex) {
					checks.reject("rules", ex.getMessage());
				}
			}
		}
		if (body.crisisWords() != null) {
			body.crisisWords().forEach((language, words) -> {
				String field = "crisisWords." + language;
				if (!Languages.valid(language)) {
					checks.reject(field, "must be keyed by a language code such as en or es");
				}
				else if (words == null || words.size() > MOST_WORDS) {
					checks.reject(field, "must be a list of at most " + MOST_WORDS + " words");
				}
				else {
					for (int i = 0; i < words.size(); i++) {
						String word = words.get(i);
						if (word == null || word.strip().length() < 2 || word.strip().length() > 60) {
							checks.reject(field + "[" + i + "]", "must be 2 to 60 characters");
						}
					}
				}
			});
		}
		checks.maxLength(body.smsName(), 60, "smsName");
		if (body.smsPhone() != null && !body.smsPhone().isBlank()) {
			try {
				PhoneNumberUtil.getInstance().parse(body.smsPhone(), region);
			}
			catch (NumberParseException ex) {
				checks.reject("smsPhone", "must be a phone number, as in +1 202 555 0100");
			}
		}
		if (body.quietHours() != null && !body.quietHours().isEmpty()) {
			LocalTime start = checks.time(body.quietHours().get("start"), "quietHours.start", "must be a time HH:mm");
			LocalTime end = checks.time(body.quietHours().get("end"), "quietHours.end", "must be a time HH:mm");
			if (start == null || end == null) {
				checks.reject("quietHours", "needs both start and end, as in {\"start\": \"22:00\", \"end\": \"07:00\"}");
			}
		}
	}

	/** Stores what the request names; answers whether clients' profiles change (quiet hours, rules). */
	boolean apply(String programme, NewProgramme body) {
		if (body.crisisWords() != null) {
			Map<String, List<String>> words = new java.util.TreeMap<>();
			body.crisisWords().forEach((language, list) -> words.put(language.strip(),
					list.stream().map(String::strip).distinct().toList()));
			jdbc.sql("update programme set crisis_words = cast(? as jsonb) where id = ?")
				.params(EventJson.writeString(words), programme).update();
		}
		if (body.smsName() != null) {
			jdbc.sql("update programme set sms_name = ? where id = ?")
				.params(body.smsName().isBlank() ? null : body.smsName().strip(), programme).update();
		}
		if (body.smsPhone() != null) {
			jdbc.sql("update programme set sms_phone = ? where id = ?")
				.params(body.smsPhone().isBlank() ? null : body.smsPhone().strip(), programme).update();
		}
		boolean rulesChanged = body.rules() != null;
		if (rulesChanged) {
			jdbc.sql("update programme set rules = ? where id = ?")
				.params(body.rules().isBlank() ? null : body.rules(), programme).update();
		}
		if (body.quietHours() == null) {
			return rulesChanged;
		}
		boolean none = body.quietHours().isEmpty();
		jdbc.sql("update programme set quiet_start = ?, quiet_end = ? where id = ?")
			.params(none ? null : Time.valueOf(LocalTime.parse(body.quietHours().get("start"))),
					none ? null : Time.valueOf(LocalTime.parse(body.quietHours().get("end"))), programme)
			.update();
		return true;
	}

	/** Keeps the policy as it now stands as the programme's next version, and tells who listens. */
	void keep(Programmes.Programme policy, String changedBy) {
		jdbc.sql("""
				insert into programme_policy_version (programme_id, version, changed_at, changed_by, policy)
				values (:programme, (select coalesce(max(version), 0) + 1 from programme_policy_version
				  where programme_id = :programme), :at, :by, cast(:policy as jsonb))""")
			.param("programme", policy.id())
			.param("at", Timestamp.from(clock.instant()))
			.param("by", changedBy)
			.param("policy", EventJson.writeString(policy))
			.update();
		events.publishEvent(new Changed(policy.id()));
	}

	/** Every version of the programme's policy, the newest first. */
	List<Version> versions(String programme) {
		return jdbc.sql("""
				select version, changed_at, changed_by, policy::text as policy from programme_policy_version
				where programme_id = ? order by version desc""")
			.param(programme)
			.query((rs, n) -> new Version(rs.getInt("version"), rs.getTimestamp("changed_at").toInstant(),
					rs.getString("changed_by"), EventJson.read(rs.getString("policy"), Programmes.Programme.class)))
			.list();
	}
}
