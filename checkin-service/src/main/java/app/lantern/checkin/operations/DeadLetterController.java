package app.lantern.checkin.operations;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/staff/dead-letters}: each dead-letter topic with its records and those not replayed yet;
 * {@code GET /api/staff/dead-letters/{topic}}: its records by their headers; {@code POST
 * /api/staff/dead-letters/{topic}/replay}: back to the topic they came from, once the cause is fixed. ADMIN only.
 */
@RestController
class DeadLetterController {

	private final DeadLetterTopics deadLetters;

	private final AuditTrail audit;

	DeadLetterController(DeadLetterTopics deadLetters, AuditTrail audit) {
		this.deadLetters = deadLetters;
		this.audit = audit;
	}

	@GetMapping("/api/staff/dead-letters")
	List<DeadLetterTopics.Summary> list() {
		return deadLetters.summaries();
	}

	@GetMapping("/api/staff/dead-letters/{topic}")
	List<DeadLetterTopics.DeadLetter> inspect(@PathVariable String topic, @RequestParam(defaultValue = "100") int limit) {
		return deadLetters.inspect(known(topic), Math.max(1, Math.min(limit, 1_000)));
	}

	@PostMapping("/api/staff/dead-letters/{topic}/replay")
	Map<String, Integer> replay(@PathVariable String topic, Principal operator) {
		int replayed = deadLetters.replay(known(topic), operator.getName());
		audit.recordOf("dead letters " + topic, "DEAD_LETTERS_REPLAYED", replayed + " record(s)");
		return Map.of("replayed", replayed);
	}

	private static String known(String topic) {
		if (!DeadLetterTopics.isDeadLetterTopic(topic)) {
			throw new NotFoundException("dead-letter topic");
		}
		return topic;
	}
}
