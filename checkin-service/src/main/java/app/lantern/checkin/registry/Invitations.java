package app.lantern.checkin.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.checkin.CheckinProperties;
import app.lantern.events.ContactChannel;
import app.lantern.events.ContactInvitation;
import app.lantern.events.Languages;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A support contact's own opt-in. The client's consent lets Lantern disclose; the contact's opt-in lets
 * Lantern text or e-mail them. A contact is invited on each channel (SMS: reply YES; e-mail: a one-time
 * confirmation link) once the client has consented to tell them, and sent nothing else there until they
 * confirm.
 */
@Service
public class Invitations {

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final ProfilePublisher profiles;

	private final CheckinProperties properties;

	private final Clock clock;

	Invitations(JdbcClient jdbc, Outbox outbox, ProfilePublisher profiles, CheckinProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.profiles = profiles;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Invites the contact on each of their channels, once: when the client's first consent to tell them is
	 * recorded. Before that, Lantern says nothing to them — not even that the client is in a programme. A channel
	 * on which staff already recorded their agreement (heard in person) gets no invitation: it is answered.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void inviteOnceConsented(UUID clientId, UUID contactId, Instant now) {
		jdbc.sql("""
				select channels, sms_confirmed_at is not null as sms, email_confirmed_at is not null as email
				from support_contact where id = ? and invited_at is null""")
			.param(contactId)
			.query((rs, n) -> {
				var channels = Arrays.stream((String[]) rs.getArray("channels").getArray())
					.map(ContactChannel::valueOf)
					.collect(Collectors.toCollection(() -> EnumSet.noneOf(ContactChannel.class)));
				if (rs.getBoolean("sms")) {
					channels.remove(ContactChannel.SMS);
				}
				if (rs.getBoolean("email")) {
					channels.remove(ContactChannel.EMAIL);
				}
				return channels;
			})
			.optional()
			.ifPresent(channels -> invite(clientId, contactId, channels, now));
	}

	/**
	 * Invites a contact again on the channels whose number or address changed — if they were invited before
	 * (the client has consented to tell them); otherwise their first consent invites them.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void inviteAgain(UUID clientId, UUID contactId, Set<ContactChannel> channels, Instant now) {
		boolean invitedBefore = jdbc.sql("select invited_at is not null from support_contact where id = ?")
			.param(contactId).query(Boolean.class).single();
		if (invitedBefore && !channels.isEmpty()) {
			invite(clientId, contactId, channels, now);
		}
	}

	private void invite(UUID clientId, UUID contactId, Set<ContactChannel> channels, Instant now) {
		for (ContactChannel channel : channels) {
			String confirmUrl = null;
			if (channel == ContactChannel.EMAIL) {
				String token = LinkTokens.newToken();
				jdbc.sql("update support_contact set email_invitation_hash = ? where id = ?")
					.params(LinkTokens.hash(token), contactId)
					.update();
				confirmUrl = properties.publicBaseUrl() + "/contacts/confirm?t=" + token;
			}
			outbox.append(Topics.CONTACT_INVITATIONS,
					ContactInvitation.of(clientId.toString(), contactId.toString(), channel, confirmUrl, now));
		}
		jdbc.sql("update support_contact set invited_at = ? where id = ?").params(Timestamp.from(now), contactId).update();
	}

	/** The display name of the client whose contact holds this e-mail token, for the confirmation page. */
	/** What the contact behind an e-mail invitation reads: theirs, else the client's, else the programme's language. */
	public Locale localeForEmailToken(String token) {
		return jdbc.sql("""
				select coalesce(s.language, c.language, p.language) from support_contact s
				join client c on c.id = s.client_id join programme p on p.id = c.programme_id
				where s.email_invitation_hash = ?""")
			.param(LinkTokens.hash(token))
			.query(String.class)
			.optional()
			.map(Languages::locale)
			.orElse(Locale.ENGLISH);
	}

	public Optional<String> clientNameForEmailToken(String token) {
		return jdbc.sql("""
				select c.display_name from support_contact s join client c on c.id = s.client_id
				where s.email_invitation_hash = ?""")
			.param(LinkTokens.hash(token))
			.query(String.class)
			.optional();
	}

	/** The contact followed the e-mail link and confirmed; the token works once. */
	@Transactional
	public boolean confirmEmail(String token) {
		return confirmEmail(token, false);
	}

	/**
	 * The contact followed the e-mail link and confirmed, asking for the evening note too when {@code daily} (the
	 * page's own DAILY); the token works once.
	 */
	@Transactional
	public boolean confirmEmail(String token, boolean daily) {
		Instant now = clock.instant();
		Optional<UUID[]> ids = jdbc.sql("""
				update support_contact set email_confirmed_at = coalesce(email_confirmed_at, ?),
				  email_invitation_hash = null, digest = digest or ?
				where email_invitation_hash = ? returning id, client_id""")
			.params(Timestamp.from(now), daily, LinkTokens.hash(token))
			.query((rs, n) -> new UUID[] { rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class) })
			.optional();
		ids.ifPresent(pair -> {
			if (daily) {
				jdbc.sql("insert into audit_event (client_id, actor, action, detail, at) values (?, 'contact', ?, ?, ?)")
					.params(pair[1], "CONTACT_DIGEST_ON", "contact " + pair[0] + " by link", Timestamp.from(now))
					.update();
			}
			changed(pair[1], "CONTACT_OPTED_IN", "contact " + pair[0] + " on EMAIL by link", now);
		});
		return ids.isPresent();
	}

	/**
	 * The contact replied YES from their phone: every pending SMS invitation to that number is confirmed.
	 * Returns how many contacts were confirmed.
	 */
	@Transactional
	public int confirmSms(String phone) {
		Instant now = clock.instant();
		var confirmed = jdbc.sql("""
				update support_contact set sms_confirmed_at = ?
				where phone = ? and sms_confirmed_at is null and 'SMS' = any(channels) returning id, client_id""")
			.params(Timestamp.from(now), phone)
			.query((rs, n) -> new UUID[] { rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class) })
			.list();
		confirmed.forEach(pair -> changed(pair[1], "CONTACT_OPTED_IN", "contact " + pair[0] + " on SMS by reply", now));
		return confirmed.size();
	}

	/**
	 * The contact texted DAILY (or DAILY OFF): the evening note "checked in today" on or off, for every client
	 * whose contact this number is and who has them confirmed on SMS; returns how many were changed.
	 */
	public int dailyNote(String phone, boolean on) {
		Instant now = clock.instant();
		var changed = jdbc.sql("""
				update support_contact set digest = ?
				where phone = ? and digest <> ? and sms_confirmed_at is not null returning id, client_id""")
			.params(on, phone, on)
			.query((rs, n) -> new UUID[] { rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class) })
			.list();
		changed.forEach(pair -> changed(pair[1], on ? "CONTACT_DIGEST_ON" : "CONTACT_DIGEST_OFF",
				"contact " + pair[0] + " by reply", now));
		return changed.size();
	}

	private void changed(UUID clientId, String action, String detail, Instant now) {
		jdbc.sql("insert into audit_event (client_id, actor, action, detail, at) values (?, 'contact', ?, ?, ?)")
			.params(clientId, action, detail, Timestamp.from(now))
			.update();
		profiles.changed(clientId);
	}
}
