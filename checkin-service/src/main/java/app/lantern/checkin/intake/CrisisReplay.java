package app.lantern.checkin.intake;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Stores what waited in the crisis spool once the database is back, oldest first: each crisis is recorded
 * (and its CRISIS alert raised) exactly once, then its file is deleted. While the database is still away, a
 * round ends at the first failure and the next one tries again.
 */
@Component
class CrisisReplay {

	private static final Logger log = LoggerFactory.getLogger(CrisisReplay.class);

	private final CrisisSpool spool;

	private final Map<String, CrisisSpool.Store> stores;

	CrisisReplay(CrisisSpool spool, List<CrisisSpool.Store> stores) {
		this.spool = spool;
		this.stores = stores.stream().collect(Collectors.toMap(CrisisSpool.Store::channel, Function.identity()));
	}

	@Scheduled(fixedDelayString = "${lantern.intake.replay-every:2s}")
	void storeWhatWaited() {
		for (Path file : spool.waiting()) {
			try {
				CrisisSpool.Spooled crisis = spool.read(file);
				stores.get(crisis.channel()).store(crisis);
				spool.done(file);
				log.info("A spooled crisis ({}) was stored", crisis.channel());
			}
			catch (IOException ex) {
				log.error("A spooled crisis could not be read: {}", file, ex);
			}
			catch (RuntimeException stillDown) {
				log.debug("Spooled crises wait: {}", stillDown.toString());
				return;
			}
		}
	}
}
