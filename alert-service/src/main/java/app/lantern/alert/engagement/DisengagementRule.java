package app.lantern.alert.engagement;

import java.util.Locale;

/**
 * When a client is drifting away from their own usual, and when they are back. Misses are normal — about three
 * prompts in four are answered on average — so the rule compares each client with themselves: their usual is the
 * share of due times they kept, and how late their check-ins came, over the {@code baselineDays} before the last
 * {@code recentDays}. It says nothing until there is such a usual.
 *
 * <p>Each passed due time adds to, or takes from, the evidence that the client has drifted (a CUSUM of the log
 * likelihood ratio): a miss adds {@code ln(q1 / q0)}, where {@code q0} is the client's usual share missed and
 * {@code q1} that share plus {@code drop}; a kept due time takes {@code ln((1 - q1) / (1 - q0))} away and adds
 * {@code later × (z − later / 2)} for its lateness, {@code z} the minutes late in the client's own standard
 * deviations from their usual. So a client who misses a little more and checks in a little later every day
 * gathers evidence from both before misses come in a row. The evidence never goes below 0 (a good spell stores no
 * credit) and raises DISENGAGING when it reaches {@code evidence}; while the alert is open it is held at that
 * level, and the alert is resolved when the due times since bring it back to 0 — as many good due times as the
 * drift took to be seen, not as many as the client was away. A warning staff close themselves starts the evidence
 * afresh.
 *
 * @param recentDays the days of the client's recent adherence, shown to staff and left out of the usual
 * @param baselineDays the days before those that make the client's usual
 * @param minBaselineDue the fewest due times in the usual before the rule judges at all (a new client has none)
 * @param drop how much more often than usual a drifting client misses, as a share of due times (0.25: a client
 *        who usually keeps 90 % now keeping 65 %)
 * @param later how much later than usual a drifting client checks in, in the client's own standard deviations
 * @param evidence the evidence that raises DISENGAGING: 7 is odds of about 1,100 to 1 that the due times since
 *        the evidence was last 0 came from a drifting client rather than from the client's usual
 */
public record DisengagementRule(int recentDays, int baselineDays, int minBaselineDue, double drop, double later,
		double evidence) {

	public static final DisengagementRule DEFAULTS = new DisengagementRule(7, 28, 20, 0.25, 0.7, 7.0);

	/** The usual share missed is taken as at least this and at most its complement: no miss is ever impossible. */
	static final double LEAST_SHARE = 0.05;

	/** Lateness varies by at least this many minutes: a client always exactly on time is not alarmed by a minute. */
	static final double LEAST_SPREAD_MINUTES = 5;

	/** A check-in counts as at most this many standard deviations late: one very late check-in is not a drift. */
	static final double MOST_DEVIATIONS = 3;

	/** The fewest appointments answered about in the usual before an appointment counts as evidence. */
	static final int LEAST_APPOINTMENTS = 4;

	/** The fewest kept due times in the usual before lateness counts. */
	static final int LEAST_KEPT_FOR_LATENESS = 5;

	public DisengagementRule {
		if (recentDays < 1 || baselineDays < 1 || minBaselineDue < 1) {
			throw new IllegalArgumentException("disengagement windows and minimum counts must be at least 1");
		}
		if (!(drop > 0 && drop < 1) || !(later >= 0) || !(evidence > 0)) {
			throw new IllegalArgumentException("disengagement thresholds need 0 < drop < 1, later >= 0 and evidence > 0");
		}
	}

	/** What the rule says about a client now, given whether a DISENGAGING alert is open. */
	public enum Verdict {
		RAISE, RESOLVE, NOTHING
	}

	/** The evidence after a due time, and what it says. */
	public record Step(double evidence, Verdict verdict) {
	}

	/** The days the rule needs kept: the recent ones and the usual before them. */
	public int daysKept() {
		return recentDays + baselineDays;
	}

	/** The two windows for a client whose today is {@code today} (an epoch day in their zone). */
	public Trend trend(Adherence adherence, long today) {
		long recentFrom = today - recentDays + 1;
		return new Trend(adherence.window(recentFrom, today), adherence.window(recentFrom - baselineDays, recentFrom - 1));
	}

	/**
	 * A due time has passed, kept {@code late} minutes after it or missed: the evidence {@code before} it moves, and
	 * the verdict for a client whose DISENGAGING alert is {@code open} or not.
	 */
	public Step step(Trend trend, double before, boolean kept, long late, boolean open) {
		Adherence.Window usual = trend.baseline();
		if (usual.due() < minBaselineDue) {
			return new Step(before, Verdict.NOTHING);
		}
		return moved(before, weigh(usual, kept, late), open);
	}

	/**
	 * The client answered whether they made it to an appointment ({@code trend} counts it already): against their own
	 * usual share of appointments made, a missed one is evidence of a drift as a missed due time is against their
	 * usual share of due times kept, and one they made is evidence against. Nothing until their usual holds at
	 * least {@link #LEAST_APPOINTMENTS} answers.
	 */
	public Step appointment(Trend trend, double before, boolean attended, boolean open) {
		Adherence.Window usual = trend.baseline();
		if (usual.due() < minBaselineDue || usual.asked() < LEAST_APPOINTMENTS) {
			return new Step(before, Verdict.NOTHING);
		}
		return moved(before, weigh(1 - usual.attendedShare(), !attended), open);
	}

	private Step moved(double before, double weight, boolean open) {
		// held at the raising level while open: with no alert open at that level, staff closed the warning, and the
		// evidence starts afresh rather than raising it again at the next miss
		double gathered = !open && before >= evidence ? 0 : before;
		double after = Math.max(0, gathered + weight);
		if (open) {
			after = Math.min(after, evidence);
			return new Step(after, after == 0 ? Verdict.RESOLVE : Verdict.NOTHING);
		}
		return new Step(after, after >= evidence ? Verdict.RAISE : Verdict.NOTHING);
	}

	/**
	 * How much one miss (or one kept) says for a drift (positive) or for the client's usual (negative), for a client
	 * who usually misses the share {@code usuallyMissed}.
	 */
	private double weigh(double usuallyMissed, boolean missedIt) {
		double missed = Math.min(1 - LEAST_SHARE, Math.max(LEAST_SHARE, usuallyMissed));
		double drifted = Math.min(1 - LEAST_SHARE / 2, missed + drop);
		return missedIt ? Math.log(drifted / missed) : Math.log((1 - drifted) / (1 - missed));
	}

	/** How much one due time says for a drift (positive) or for the client's usual (negative). */
	double weigh(Adherence.Window usual, boolean kept, long late) {
		if (!kept) {
			return weigh(1 - usual.share(), true);
		}
		double weight = weigh(1 - usual.share(), false);
		if (usual.keptCount() >= LEAST_KEPT_FOR_LATENESS) {
			double spread = Math.max(LEAST_SPREAD_MINUTES, usual.lateSpread());
			double z = Math.max(-MOST_DEVIATIONS, Math.min(MOST_DEVIATIONS, (late - usual.meanLateMinutes()) / spread));
			weight += later * (z - later / 2);
		}
		return weight;
	}

	/** The recent window against the client's usual. */
	public record Trend(Adherence.Window recent, Adherence.Window baseline) {

		/** For staff: the two shares and the lateness, in words without any personal data. */
		public String describe() {
			return String.format(Locale.ROOT,
					"kept %d of %d due times in the last days (%.0f %%) against %d of %d before (%.0f %%); "
							+ "check-ins %.0f min after the due time against %.0f min",
					recent.keptCount(), recent.due(), recent.share() * 100, baseline.keptCount(), baseline.due(),
					baseline.share() * 100, recent.meanLateMinutes(), baseline.meanLateMinutes());
		}
	}
}
