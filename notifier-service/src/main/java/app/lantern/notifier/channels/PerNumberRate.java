package app.lantern.notifier.channels;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most N messages a second to one number (carriers filter bursts to one handset as spam), as a token
 * bucket per number; a message over the rate waits in the retry queue rather than being sent late in a burst.
 */
final class PerNumberRate {

	private final double perSecond;

	private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

	PerNumberRate(double perSecond) {
		this.perSecond = perSecond;
	}

	boolean tryAcquire(String number) {
		if (perSecond <= 0) {
			return true;
		}
		long now = System.nanoTime();
		double[] bucket = buckets.computeIfAbsent(number, key -> new double[] { perSecond, now });
		synchronized (bucket) {
			double tokens = Math.min(perSecond, bucket[0] + (now - (long) bucket[1]) / 1e9 * perSecond);
			bucket[1] = now;
			if (tokens < 1) {
				bucket[0] = tokens;
				return false;
			}
			bucket[0] = tokens - 1;
			return true;
		}
	}
}
