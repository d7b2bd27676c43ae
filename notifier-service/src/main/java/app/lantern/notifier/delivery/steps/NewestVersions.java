package app.lantern.notifier.delivery.steps;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import app.lantern.notifier.profiles.ProfileView;

/**
 * The newest profile version of a client at the moment of asking. When this instance's profiles consumer holds
 * the client's partition, it knows without asking ({@link ProfileView#versionRecordedHere}); otherwise the
 * database is asked — by many send threads at once, so the questions that arrive together are put in one query:
 * the first asker leads, takes every question waiting, answers them all, and goes on while more arrived
 * meanwhile. No answer is older than the question.
 */
final class NewestVersions {

	private final ProfileView profiles;

	private final Object lock = new Object();

	private Map<String, CompletableFuture<Long>> waiting = new HashMap<>();

	private boolean leading;

	NewestVersions(ProfileView profiles) {
		this.profiles = profiles;
	}

	/** The version held of this client now; -1 when none is (never seen, or erased). */
	long of(String clientId) {
		OptionalLong here = profiles.versionRecordedHere(clientId);
		if (here.isPresent()) {
			return here.getAsLong();
		}
		CompletableFuture<Long> answer;
		boolean lead;
		synchronized (lock) {
			answer = waiting.computeIfAbsent(clientId, any -> new CompletableFuture<>());
			lead = !leading;
			leading = true;
		}
		if (lead) {
			answerAllWaiting();
		}
		try {
			return answer.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException runtime ? runtime : ex;
		}
	}

	private void answerAllWaiting() {
		while (true) {
			Map<String, CompletableFuture<Long>> batch;
			synchronized (lock) {
				if (waiting.isEmpty()) {
					leading = false;
					return;
				}
				batch = waiting;
				waiting = new HashMap<>();
			}
			try {
				Map<String, Long> versions = profiles.versionsOf(batch.keySet());
				batch.forEach((client, answer) -> answer.complete(versions.getOrDefault(client, -1L)));
			}
			catch (RuntimeException ex) {
				batch.values().forEach(answer -> answer.completeExceptionally(ex));
			}
		}
	}
}
