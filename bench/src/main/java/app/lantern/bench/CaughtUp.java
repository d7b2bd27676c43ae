package app.lantern.bench;

/**
 * Waits until every consumer group of the running stack has read everything, and says how far behind they were:
 * {@code ./bench/run all} runs it before each measured run, so that no run shares the cores with the backlog of
 * the one before. Argument: what comes next (for the line it prints).
 */
public final class CaughtUp {

	public static void main(String[] args) throws Exception {
		Bench.awaitCaughtUp(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
				args.length > 0 ? String.join(" ", args) : "the next run");
	}
}
