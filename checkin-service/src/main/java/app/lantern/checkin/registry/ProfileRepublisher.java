package app.lantern.checkin.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An operator's tool (ADMIN, {@code /api/staff/**}): publishes every client's whole profile again, each with a new
 * version, through the outbox — after a consumer's view was lost or restored from an old backup, or after a
 * profile record was dead-lettered. One client per transaction, so a large caseload never holds one long lock.
 */
@RestController
class ProfileRepublisher {

	private static final Logger log = LoggerFactory.getLogger(ProfileRepublisher.class);

	private final JdbcClient jdbc;

	private final ProfilePublisher publisher;

	private final TransactionTemplate transactions;

	ProfileRepublisher(JdbcClient jdbc, ProfilePublisher publisher, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.publisher = publisher;
		this.transactions = transactions;
	}

	@PostMapping("/api/staff/profiles/republish")
	Map<String, Integer> republishAll() {
		List<UUID> clients = jdbc.sql("select id from client order by id").query(UUID.class).list();
		for (UUID client : clients) {
			transactions.executeWithoutResult(status -> publisher.changed(client));
		}
		log.info("Republished {} client profiles", clients.size());
		return Map.of("republished", clients.size());
	}
}
