package app.lantern.checkin.registry;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import app.lantern.events.Languages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who a phone number belongs to: an enrolled client, a support contact of one or more clients, or no one known. */
@Component
public class PhoneBook {

	private final JdbcClient jdbc;

	PhoneBook(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The client texting from {@code phone}: what their replies need (threshold, coping plan). {@code locale}: what
	 * the client is written to in (theirs, or their programme's); {@code programme} theirs, whose crisis words their
	 * texts are read with; {@code smsName}, {@code smsPhone}: who the programme's replies say to call (null: the
	 * deployment's).
	 */
	public record ClientByPhone(UUID id, int cravingThreshold, List<String> copingPlan, boolean discharged,
			ZoneId timezone, Locale locale, String programme, String smsName, String smsPhone) {
	}

	public Optional<ClientByPhone> client(String phone) {
		return jdbc.sql("""
				select c.id, c.craving_threshold, c.coping_plan, c.status, c.timezone,
				  coalesce(c.language, p.language) as language, c.programme_id, p.sms_name, p.sms_phone
				from client c join programme p on p.id = c.programme_id where c.phone = ?""")
			.param(phone)
			.query((rs, n) -> new ClientByPhone(rs.getObject("id", UUID.class), rs.getInt("craving_threshold"),
					List.of((String[]) rs.getArray("coping_plan").getArray()), "DISCHARGED".equals(rs.getString("status")),
					ZoneId.of(rs.getString("timezone")), Languages.locale(rs.getString("language")),
					rs.getString("programme_id"), rs.getString("sms_name"), rs.getString("sms_phone")))
			.optional();
	}

	/** What a contact with this number is written to in (theirs, else their client's, else the programme's). */
	public Locale contactLocale(String phone) {
		return jdbc.sql("""
				select coalesce(s.language, c.language, p.language) from support_contact s
				join client c on c.id = s.client_id join programme p on p.id = c.programme_id
				where s.phone = ? order by s.created_at limit 1""")
			.param(phone)
			.query(String.class)
			.optional()
			.map(Languages::locale)
			.orElse(Locale.ENGLISH);
	}

	/** Whether a staff user, not disabled, is reached at this number (their on-call phone). */
	public boolean isStaff(String phone) {
		return jdbc.sql("select exists (select 1 from staff_user where phone = ? and enabled)")
			.param(phone)
			.query(Boolean.class)
			.single();
	}

	public boolean isContact(String phone) {
		return jdbc.sql("select exists (select 1 from support_contact where phone = ?)")
			.param(phone)
			.query(Boolean.class)
			.single();
	}

	/** Every client whose profile shows this number: the client's own, or a contact's. */
	List<UUID> clientsShowing(String phone) {
		return jdbc.sql("""
				select id from client where phone = ?
				union select client_id from support_contact where phone = ? order by 1""")
			.params(phone, phone)
			.query(UUID.class)
			.list();
	}
}
