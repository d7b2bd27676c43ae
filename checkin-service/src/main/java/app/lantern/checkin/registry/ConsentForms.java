package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import app.lantern.events.ClientProfile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A consent as the law reads it (42 CFR 2.31): the client's name, the programme disclosing, the recipient by name
 * and role, how much and what kind of information, the purpose, the right to revoke and how, when it ends (a date
 * or an event), and the signature and date signed — for the client's page, where they sign and stop them, and the
 * printable form for their file. Consents whose contact was removed keep the recipient they named.
 */
@Component
public class ConsentForms {

	private final JdbcClient jdbc;

	ConsentForms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One consent's elements. {@code information}: the alert types it names (their words are the page's). {@code
	 * signedBy}: PAPER or CLIENT, null while it waits for the client's signature.
	 */
	public record ConsentForm(UUID id, String clientName, String programmeName, String recipientName,
			String recipientRole, List<String> information, String purpose, LocalDate expiresOn, String expiryEvent,
			Instant givenAt, String recordedBy, Instant signedAt, String signedBy, String signature, Instant revokedAt,
			String revokedBy, boolean active) {

		public boolean waitingForSignature() {
			return signedAt == null && revokedAt == null;
		}
	}

	/** Every consent of the client that is in force or waits for their signature, newest first. */
	public List<ConsentForm> current(UUID clientId, Instant now) {
		return query("c.client_id = ? and c.revoked_at is null and (c.expires_at is null or c.expires_at > ?)",
				clientId, Timestamp.from(now), now);
	}

	public Optional<ConsentForm> find(UUID clientId, UUID consentId, Instant now) {
		return query("c.client_id = ? and c.id = ?", clientId, consentId, now).stream().findFirst();
	}

	private List<ConsentForm> query(String where, Object first, Object second, Instant now) {
		return jdbc.sql("""
				select c.*, cl.display_name, p.name as programme_name,
				  coalesce(s.name, c.contact_name) as recipient_name, coalesce(s.role, c.contact_role) as recipient_role
				from consent c join client cl on cl.id = c.client_id join programme p on p.id = cl.programme_id
				left join support_contact s on s.id = c.contact_id
				where %s order by c.given_at desc""".formatted(where))
			.params(first, second)
			.query((rs, n) -> {
				Instant given = rs.getTimestamp("given_at").toInstant();
				Instant expires = instant(rs.getTimestamp("expires_at"));
				Instant revoked = instant(rs.getTimestamp("revoked_at"));
				Instant signed = instant(rs.getTimestamp("signed_at"));
				return new ConsentForm(rs.getObject("id", UUID.class), rs.getString("display_name"),
						rs.getString("programme_name"), rs.getString("recipient_name"), rs.getString("recipient_role"),
						Arrays.asList((String[]) rs.getArray("alert_types").getArray()), rs.getString("purpose"),
						rs.getObject("expires_on", LocalDate.class), rs.getString("expiry_event"), given,
						rs.getString("recorded_by"), signed, rs.getString("signed_by"), rs.getString("signature"), revoked,
						rs.getString("revoked_by"),
						signed != null && ClientProfile.Consent.isActive(given, expires, revoked, now));
			})
			.list();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
