package app.lantern.bench;

import java.util.Arrays;

/** Percentiles of recorded latencies, in milliseconds. */
final class Latencies {

	private final double[] millis;

	Latencies(double[] millis) {
		this.millis = millis.clone();
		Arrays.sort(this.millis);
	}

	double percentile(double p) {
		if (millis.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100.0 * millis.length) - 1;
		return millis[Math.max(0, Math.min(index, millis.length - 1))];
	}

	String summary() {
		return String.format("n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms", millis.length, percentile(50),
				percentile(95), percentile(99), percentile(100));
	}
}
