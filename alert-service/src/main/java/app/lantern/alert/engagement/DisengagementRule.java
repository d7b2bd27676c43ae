package app.lantern.alert.engagement;

/**
 * When a client's adherence over the last {@code recentDays} has dropped well below their own baseline (the
 * {@code baselineDays} before those), and when it has recovered. Misses are normal — about three prompts in four
 * are answered on average — so the rule compares each client with themselves, not with a fixed rate, and says
 * nothing until there is a baseline to compare with. How late check-ins come is kept and shown beside it (a client
 * checking in later and later is worth a look), but raises nothing on its own.
 *
 * @param recentDays the days the recent adherence is taken over (today included)
 * @param baselineDays the days before those that make the client's own baseline
 * @param minBaselineDue the fewest due times in the baseline before the rule judges at all (a new client has none)
 * @param minRecentDue the fewest due times in the recent days before the rule judges
 * @param drop raised when the recent share kept is at least this far below the baseline (0.25: 90 % → 65 %)
 * @param recovered resolved when the recent share is again within this of the baseline
 * @param minZ how unlikely by chance a drop must be: the difference of the two shares over its standard error
 *        (pooled, as in a two-proportion test); 3 is about one chance in 740 for one client on one day — over many
 *        clients and days, misses that come together by chance still raise a few (see docs/alerts.md)
 */
public record DisengagementRule(int recentDays, int baselineDays, int minBaselineDue, int minRecentDue, double drop,
		double recovered, double minZ) {

	public static final DisengagementRule DEFAULTS = new DisengagementRule(7, 28, 20, 5, 0.25, 0.10, 3.0);

	public DisengagementRule {
		if (recentDays < 1 || baselineDays < 1 || minBaselineDue < 1 || minRecentDue < 1) {
			throw new IllegalArgumentException("disengagement windows and minimum counts must be at least 1");
		}
		if (!(drop > 0 && drop <= 1) || !(recovered >= 0 && recovered < drop) || !(minZ >= 0)) {
			throw new IllegalArgumentException(
					"disengagement thresholds need 0 < drop <= 1, 0 <= recovered < drop and minZ >= 0");
		}
	}

	/** What the rule says about a client's adherence now, given whether a DISENGAGING alert is open. */
	public enum Verdict {
		RAISE, RESOLVE, NOTHING
	}

	/** The days the rule needs kept: the recent ones and the baseline before them. */
	public int daysKept() {
		return recentDays + baselineDays;
	}

	/** The two windows for a client whose today is {@code today} (an epoch day in their zone). */
	public Trend trend(Adherence adherence, long today) {
		long recentFrom = today - recentDays + 1;
		return new Trend(adherence.window(recentFrom, today), adherence.window(recentFrom - baselineDays, recentFrom - 1));
	}

	public Verdict judge(Trend trend, boolean open) {
		if (trend.baseline().due() < minBaselineDue || trend.recent().due() < minRecentDue) {
			return Verdict.NOTHING;
		}
		double fall = trend.baseline().share() - trend.recent().share();
		if (open) {
			return fall <= recovered ? Verdict.RESOLVE : Verdict.NOTHING;
		}
		return fall >= drop && trend.z() >= minZ ? Verdict.RAISE : Verdict.NOTHING;
	}

	/** The recent window against the baseline window. */
	public record Trend(Adherence.Window recent, Adherence.Window baseline) {

		/**
		 * How far the recent share fell below the baseline, in standard errors of the difference (pooled shares,
		 * kept within 5–95 % so that a client who never missed does not make every miss look impossible).
		 */
		public double z() {
			if (recent.due() == 0 || baseline.due() == 0) {
				return 0;
			}
			double pooled = (double) (recent.keptCount() + baseline.keptCount()) / (recent.due() + baseline.due());
			pooled = Math.min(0.95, Math.max(0.05, pooled));
			double error = Math.sqrt(pooled * (1 - pooled) * (1.0 / recent.due() + 1.0 / baseline.due()));
			return (baseline.share() - recent.share()) / error;
		}

		/** For staff: the two shares and the lateness, in words without any personal data. */
		public String describe() {
			return String.format(java.util.Locale.ROOT,
					"kept %d of %d due times in the last days (%.0f %%) against %d of %d before (%.0f %%); "
							+ "check-ins %.0f min after the due time against %.0f min",
					recent.keptCount(), recent.due(), recent.share() * 100, baseline.keptCount(), baseline.due(),
					baseline.share() * 100, recent.meanLateMinutes(), baseline.meanLateMinutes());
		}
	}
}
