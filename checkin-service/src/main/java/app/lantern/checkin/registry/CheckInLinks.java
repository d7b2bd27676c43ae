package app.lantern.checkin.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.events.ClientMessage;
import app.lantern.events.Languages;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's private check-in link: texted in a welcome on enrolment (the programme's name, the link, how to
 * check in by SMS, HELP/STOP), texted anew, or shown to staff, and whose a link is when it is opened. Only its hash
 * is kept, so every showing is a new link and the old one stops; each is audited.
 */
@Service
public class CheckInLinks {

	private final JdbcClient jdbc;

	private final ClientRecords records;

	private final AuditTrail audit;

	private final Outbox outbox;

	private final Programmes programmes;

	private final CheckinProperties properties;

	private final Clock clock;

	CheckInLinks(JdbcClient jdbc, ClientRecords records, AuditTrail audit, Outbox outbox, Programmes programmes,
			CheckinProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.records = records;
		this.audit = audit;
		this.outbox = outbox;
		this.programmes = programmes;
		this.properties = properties;
		this.clock = clock;
	}

	/** A new check-in link, sent to the client in a welcome; the old one stops working at once. */
	@Transactional
	public String rotateLink(UUID clientId, String actor) {
		String token = newLink(clientId, actor, "LINK_ROTATED");
		welcome(clientId, token, programmes.ofClient(clientId).orElseThrow(), clock.instant());
		return token;
	}

	/**
	 * The link shown to staff once more, to read out or copy: only its hash is kept, so showing it means a new
	 * one (the old one stops working); it is not sent. Every showing is audited.
	 */
	@Transactional
	public String showLink(UUID clientId, String actor) {
		return newLink(clientId, actor, "LINK_SHOWN");
	}

	private String newLink(UUID clientId, String actor, String action) {
		records.lockClient(clientId);
		String token = LinkTokens.newToken();
		jdbc.sql("update client set link_token_hash = ? where id = ?").params(LinkTokens.hash(token), clientId).update();
		audit.record(clientId, actor, action, null, clock.instant());
		return token;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void welcome(UUID clientId, String token, Programmes.Programme programme, Instant now) {
		outbox.append(Topics.CLIENT_MESSAGES,
				ClientMessage.welcome(clientId.toString(), url(token), programme.name(),
						now));
	}

	/** The page a token opens. */
	public String url(String token) {
		return properties.publicBaseUrl() + "/c/" + token;
	}

	/** The client whose check-in link a token is, as far as their check-in page needs them. */
	public record Holder(UUID id, String name, int threshold, List<String> plan, boolean discharged, String linkHash,
			Locale locale) {

		/** Someone holding {@code token} whom the database cannot name now (it is away): no name, no plan, English. */
		public static Holder unnamed(String token) {
			return new Holder(null, null, Integer.MAX_VALUE, List.of(), false, LinkTokens.hash(token), Locale.ENGLISH);
		}
	}

	/** Whose check-in link {@code token} is: only its SHA-256 is stored, so the lookup hashes the token first. */
	public Optional<Holder> holderOf(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		String hash = LinkTokens.hash(token);
		return jdbc.sql("""
				select c.id, c.display_name, c.craving_threshold, c.coping_plan, c.status,
				  coalesce(c.language, p.language) as language
				from client c join programme p on p.id = c.programme_id where c.link_token_hash = ?""")
			.param(hash)
			.query((rs, n) -> new Holder(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getInt("craving_threshold"), List.of((String[]) rs.getArray("coping_plan").getArray()),
					"DISCHARGED".equals(rs.getString("status")), hash, Languages.locale(rs.getString("language"))))
			.optional();
	}
}
