package app.lantern.checkin.casework;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.FieldChecks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Case notes: what staff did to reach a client (a call, a text, a visit, a meeting) and whether it reached them,
 * with free text. Apart from alert notes; in the client's timeline; erased with the client. The text is never in
 * the audit trail, only that a note was written.
 */
@Service
public class CaseNotes {

	public static final Set<String> KINDS = Set.of("CALL", "TEXT", "VISIT", "MEETING", "OTHER");

	public static final Set<String> OUTCOMES = Set.of("REACHED", "NO_ANSWER", "LEFT_MESSAGE", "NOT_REACHED");

	static final int MAX_TEXT = 4000;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	CaseNotes(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	/** {@code at}: when it happened (default now; never in the future). */
	public record Note(UUID id, UUID clientId, String author, String kind, String outcome, String text, Instant at) {

		/** "a call", "a visit", … for the console. */
		public String kindInWords() {
			return switch (kind) {
				case "CALL" -> "a call";
				case "TEXT" -> "a text";
				case "VISIT" -> "a visit";
				case "MEETING" -> "a meeting";
				default -> "other";
			};
		}

		/** "reached them", "no answer", … for the console. */
		public String outcomeInWords() {
			return switch (outcome) {
				case "REACHED" -> "reached them";
				case "NO_ANSWER" -> "no answer";
				case "LEFT_MESSAGE" -> "left a message";
				default -> "did not reach them";
			};
		}
	}

	@Transactional
	public Note write(UUID clientId, String kind, String outcome, String text, Instant at, String author) {
		Instant now = clock.instant();
		FieldChecks checks = new FieldChecks();
		String k = checks.require(kind, "kind") ? kind.trim().toUpperCase(Locale.ROOT) : null;
		if (k != null && !KINDS.contains(k)) {
			checks.reject("kind", "must be one of " + String.join(", ", KINDS.stream().sorted().toList()));
		}
		String o = checks.require(outcome, "outcome") ? outcome.trim().toUpperCase(Locale.ROOT) : null;
		if (o != null && !OUTCOMES.contains(o)) {
			checks.reject("outcome", "must be one of " + String.join(", ", OUTCOMES.stream().sorted().toList()));
		}
		checks.maxLength(text, MAX_TEXT, "text");
		if (at != null && at.isAfter(now)) {
			checks.reject("at", "must not be in the future");
		}
		checks.throwIfAny();
		Note note = new Note(UUID.randomUUID(), clientId, author, k, o, text == null || text.isBlank() ? null : text.strip(),
				at == null ? now : at);
		jdbc.sql("""
				insert into case_note (id, client_id, author, kind, outcome, body, at, written_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(note.id(), clientId, author, k, o, note.text(), Timestamp.from(note.at()), Timestamp.from(now))
			.update();
		audit.record(clientId, author, "CASE_NOTE_WRITTEN", note.kind() + ", " + note.outcome(), now);
		return note;
	}

	/** The client's notes, newest first. */
	public List<Note> of(UUID clientId, int limit) {
		return jdbc.sql("select * from case_note where client_id = ? order by at desc limit ?")
			.params(clientId, limit)
			.query((rs, n) -> new Note(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
					rs.getString("author"), rs.getString("kind"), rs.getString("outcome"), rs.getString("body"),
					rs.getTimestamp("at").toInstant()))
			.list();
	}

	/** Whether someone reached the client between these instants (a note with the outcome REACHED). */
	boolean reachedBetween(UUID clientId, Instant from, Instant to) {
		return jdbc.sql("""
				select exists (select 1 from case_note where client_id = ? and outcome = 'REACHED' and at >= ? and at <= ?)""")
			.params(clientId, Timestamp.from(from), Timestamp.from(to))
			.query(Boolean.class)
			.single();
	}
}
