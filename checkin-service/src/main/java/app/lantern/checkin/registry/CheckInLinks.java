package app.lantern.checkin.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.events.ClientMessage;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client's private check-in link: texted in a welcome on enrolment (the programme's name, the link, how to
 * check in by SMS, HELP/STOP), texted anew, or shown to staff. Only its hash is kept, so every showing is a new link
 * and the old one stops; each is audited.
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
}
