package app.lantern.platform.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

	private final ExecutorService callers = Executors.newFixedThreadPool(16);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@AfterEach
	void stop() {
		callers.shutdownNow();
	}

	@Test
	void whatArrivesDuringACommitIsWrittenInTheNextOneAndEachCallerWaitsForItsOwn() throws Exception {
		List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch firstCommitHeld = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (var commits = new GroupCommit<Integer>("test", 1, 256, batch -> {
			if (batches.isEmpty()) {
				firstCommitHeld.countDown();
				hold(release);
			}
			batches.add(batch);
		}, meters)) {
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> commits.write(0), callers);
			firstCommitHeld.await();
			List<CompletableFuture<Void>> rest = IntStream.rangeClosed(1, 15)
				.mapToObj(i -> CompletableFuture.runAsync(() -> commits.write(i), callers))
				.toList();
			await().until(() -> commits.waiting() == 15);
			// no caller goes on while its write is not committed
			assertThat(rest).noneMatch(CompletableFuture::isDone);
			assertThat(first).isNotDone();
			release.countDown();
			CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
			first.get(10, TimeUnit.SECONDS);
		}
		assertThat(batches).first().isEqualTo(List.of(0));
		assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(16);
		// the fifteen that came during the first commit went in the next one
		assertThat(batches).hasSize(2);
		assertThat(meters.get("lantern.group.commit.size").summary().count()).isEqualTo(batches.size());
	}

	@Test
	void aFailedCommitFailsEveryCallerInItAndTheWriterGoesOn() throws Exception {
		CountDownLatch firstCommitHeld = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> written = Collections.synchronizedList(new ArrayList<>());
		try (var commits = new GroupCommit<Integer>("test", 1, 256, batch -> {
			if (batch.contains(0)) {
				firstCommitHeld.countDown();
				hold(release);
			}
			if (batch.contains(1)) {
				throw new IllegalStateException("the database said no");
			}
			written.addAll(batch);
		}, meters)) {
			CompletableFuture<Void> first = CompletableFuture.runAsync(() -> commits.write(0), callers);
			firstCommitHeld.await();
			List<CompletableFuture<Void>> failing = List.of(1, 2, 3).stream()
				.map(i -> CompletableFuture.runAsync(() -> commits.write(i), callers))
				.toList();
			await().until(() -> commits.waiting() == 3);
			release.countDown();
			first.get(10, TimeUnit.SECONDS);
			for (CompletableFuture<Void> call : failing) {
				assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("the database said no");
			}
			commits.write(4);
		}
		assertThat(written).containsExactly(0, 4);
	}

	@Test
	void afterCloseAWriteIsMadeOnTheCallersThread() throws Exception {
		List<String> threads = Collections.synchronizedList(new ArrayList<>());
		var commits = new GroupCommit<Integer>("test", 2, 256,
				batch -> threads.add(Thread.currentThread().getName()), meters);
		commits.write(1);
		commits.close();
		commits.write(2);
		assertThat(threads).hasSize(2);
		assertThat(threads.get(0)).startsWith("group-commit-test-");
		assertThat(threads.get(1)).isEqualTo(Thread.currentThread().getName());
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
