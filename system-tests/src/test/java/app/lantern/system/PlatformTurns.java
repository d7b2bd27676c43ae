package app.lantern.system;

import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platforms the system tests share take turns: every platform's services join the same consumer groups on the
 * one broker, so two running at once would split each other's partitions. Asking for a platform closes the one
 * before it (the test classes are ordered so that each starts once); the last closes when the whole run ends.
 */
final class PlatformTurns implements AutoCloseable {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlatformTurns.class);

	private Class<?> kind;

	private AutoCloseable running;

	/** The turns of this run, in its root store (which closes what it holds when the run ends). */
	static PlatformTurns of(ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(PlatformTurns.class, key -> new PlatformTurns(),
				PlatformTurns.class);
	}

	/** The running platform of this kind, or a new one started by {@code start} once the one before it is closed. */
	synchronized <T extends AutoCloseable> T take(Class<T> kind, Supplier<T> start) {
		if (this.kind != kind) {
			close();
			this.running = start.get();
			this.kind = kind;
		}
		return kind.cast(running);
	}

	@Override
	public synchronized void close() {
		if (running != null) {
			try {
				running.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("a platform did not close", ex);
			}
			running = null;
			kind = null;
		}
	}
}
