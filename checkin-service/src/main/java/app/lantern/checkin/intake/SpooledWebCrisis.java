package app.lantern.checkin.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.LinkTokens;
import app.lantern.events.CheckInChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "I need help now" while the database is down: the post is checked by the page's proof alone (no database
 * needed), kept in the spool, and recorded under its form submission, once, when the database is back.
 */
@Component
class SpooledWebCrisis implements CrisisSpool.Store {

	private static final Logger log = LoggerFactory.getLogger(SpooledWebCrisis.class);

	private final CrisisSpool spool;

	private final FormTokens proofs;

	private final CheckInLinks links;

	private final CheckIns checkIns;

	private final Clock clock;

	SpooledWebCrisis(CrisisSpool spool, FormTokens proofs, CheckInLinks links, CheckIns checkIns, Clock clock) {
		this.spool = spool;
		this.proofs = proofs;
		this.links = links;
		this.checkIns = checkIns;
		this.clock = clock;
	}

	/** Spools the crisis if the post carries the page's proof; false when it does not. */
	boolean spool(String token, String submission, String proof) {
		Instant now = clock.instant();
		if (proofs.check(proof, LinkTokens.hash(token), now) == FormTokens.Check.INVALID) {
			return false;
		}
		try {
			spool.spool(CrisisSpool.Spooled.web(token, submission, now));
		}
		catch (RuntimeException ex) {
			log.error("A crisis from the check-in page could be neither stored nor spooled; it was shown crisis resources",
					ex);
		}
		return true;
	}

	@Override
	public String channel() {
		return "WEB";
	}

	@Override
	public void store(CrisisSpool.Spooled crisis) {
		Optional<CheckInLinks.Holder> client = links.holderOf(crisis.linkToken());
		if (client.isEmpty()) {
			log.error("A spooled crisis from the check-in page names a link that is no longer valid (rotated or "
					+ "erased meanwhile); it is dropped");
			return;
		}
		String submission = crisis.submission();
		// (a file spooled before submissions were bounded may hold one longer than the page makes: no key, as live)
		String key = submission == null || submission.isBlank() || submission.length() > CrisisSpool.FIELD_MAX ? null
				: "web:" + client.get().id() + ":" + submission;
		checkIns.record(new CheckIns.NewCheckIn(client.get().id(), CheckInChannel.WEB, null, null, false, null, true, key,
				crisis.receivedAt()));
	}
}
