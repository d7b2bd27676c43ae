package app.lantern.checkin.casework;

/**
 * Whose clients a staff user works with today, as a condition on the client table aliased {@code c} (named
 * parameters {@code :mine}, a username or null for the whole programme, and {@code :now}): the clients they are the
 * primary or second worker of, and those of a colleague on leave today (in the programme's zone) whom they cover.
 */
public final class MyClients {

	public static final String CONDITION = """
			(cast(:mine as text) is null or c.primary_worker = :mine or c.second_worker = :mine
			 or exists (select 1 from staff_leave l join programme p on p.id = c.programme_id
			            where l.username = c.primary_worker and l.covered_by = :mine
			              and (cast(:now as timestamptz) at time zone p.timezone)::date between l.starts_on and l.ends_on))""";

	/**
	 * What needs attention before anything goes wrong, as boolean columns for the client aliased {@code c} (named
	 * parameter {@code :now}): {@code nobody} — no one can be told (no consent in force to a contact who said yes on
	 * a channel); {@code consent_ending} — a consent ends within 14 days; {@code contact_failing} — a contact's last
	 * message failed for good; {@code unreached_crisis} — a crisis since the last case note that reached the client.
	 */
	public static final String ATTENTION = """
			not exists (select 1 from consent k join support_contact sc on sc.id = k.contact_id
			            where k.client_id = c.id and k.signed_at is not null and k.given_at <= :now
			              and (k.expires_at is null or k.expires_at > :now) and (k.revoked_at is null or k.revoked_at > :now)
			              and ((sc.sms_confirmed_at is not null and sc.phone not in (select phone from opt_out))
			                   or sc.email_confirmed_at is not null)) as nobody,
			exists (select 1 from consent k where k.client_id = c.id and k.contact_id is not null
			          and k.signed_at is not null and k.revoked_at is null
			          and k.expires_at > :now and k.expires_at <= cast(:now as timestamptz) + interval '14 days') as consent_ending,
			exists (select 1 from support_contact sc where sc.client_id = c.id
			          and (select d.status from disclosure d where d.client_id = c.id and d.recipient = sc.id::text
			               order by d.at desc limit 1) = 'FAILED') as contact_failing,
			exists (select 1 from alert x where x.client_id = c.id and x.type = 'CRISIS'
			          and x.raised_at > coalesce((select max(n.at) from case_note n
			                                      where n.client_id = c.id and n.outcome = 'REACHED'),
			                                     '-infinity'::timestamptz)) as unreached_crisis""";

	private MyClients() {
	}
}
