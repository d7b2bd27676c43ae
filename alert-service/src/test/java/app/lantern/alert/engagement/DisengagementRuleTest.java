package app.lantern.alert.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule's table, with the default thresholds: a drop of 0.25 that chance would explain less than z = 3 does. */
class DisengagementRuleTest {

	private static final DisengagementRule RULE = DisengagementRule.DEFAULTS;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# what | recent due | kept | minutes late | baseline due | kept | minutes late | open | verdict
			a steady client | 14 | 12 | 140 | 56 | 50 | 600 | false | NOTHING
			usual misses are not a drop | 14 | 10 | 100 | 56 | 42 | 420 | false | NOTHING
			from their own 89 % to 50 % | 14 | 7 | 70 | 56 | 50 | 500 | false | RAISE
			from 89 % to 64 %: a drop of 0.25 that chance explains (z 2.3) | 14 | 9 | 90 | 56 | 50 | 500 | false | NOTHING
			a client who always kept half, keeping half | 14 | 7 | 70 | 56 | 28 | 280 | false | NOTHING
			a client who kept half, now none | 14 | 0 | 0 | 56 | 28 | 280 | false | RAISE
			a client who kept half, now one in seven (z 2.4) | 14 | 2 | 20 | 56 | 28 | 280 | false | NOTHING
			check-ins 30 min later but as many: shown, not raised | 14 | 13 | 650 | 56 | 52 | 520 | false | NOTHING
			a big drop, no baseline yet (a new client) | 14 | 2 | 20 | 19 | 19 | 190 | false | NOTHING
			too few due times lately (paused, say) | 4 | 0 | 0 | 56 | 50 | 500 | false | NOTHING
			open, still low | 14 | 9 | 90 | 56 | 50 | 500 | true | NOTHING
			open, halfway back | 14 | 11 | 110 | 56 | 50 | 500 | true | NOTHING
			open, back within 0.10 | 14 | 12 | 120 | 56 | 50 | 500 | true | RESOLVE
			open, better than ever | 14 | 14 | 140 | 56 | 50 | 500 | true | RESOLVE
			""")
	void judges(String what, int recentDue, int recentKept, long recentLate, int baseDue, int baseKept, long baseLate,
			boolean open, DisengagementRule.Verdict verdict) {
		var trend = new DisengagementRule.Trend(new Adherence.Window(recentDue, recentKept, recentLate),
				new Adherence.Window(baseDue, baseKept, baseLate));

		assertThat(RULE.judge(trend, open)).as(what).isEqualTo(verdict);
	}

	/** The last seven days against the 28 before them, each day counted once, older days let go. */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# what                                   | kept each day of 35 (1 = kept, 0 = missed), oldest first | recent | baseline
			every day kept                            | 11111111111111111111111111111111111 | 7/7   | 28/28
			the last three days missed                | 11111111111111111111111111111111000 | 4/7   | 28/28
			a missed day a month ago is baseline      | 01111111111111111111111111111111111 | 7/7   | 27/28
			""")
	void windows(String what, String days, String recent, String baseline) {
		Adherence adherence = Adherence.none();
		long first = 20_000;
		for (int i = 0; i < days.length(); i++) {
			// two days more than kept, to show the oldest are let go
			adherence = adherence.with(first + i, days.charAt(i) == '1', 10, RULE.daysKept());
		}
		var trend = RULE.trend(adherence, first + days.length() - 1);

		assertThat(trend.recent().keptCount() + "/" + trend.recent().due()).as(what).isEqualTo(recent);
		assertThat(trend.baseline().keptCount() + "/" + trend.baseline().due()).as(what).isEqualTo(baseline);
		assertThat(adherence.days()).hasSizeLessThanOrEqualTo(RULE.daysKept());
	}

	@ParameterizedTest
	@CsvSource({ "0.25, 0.25, 3", "0, 0, 3", "1.5, 0.10, 3", "0.25, 0.10, -1" })
	void thresholdsThatCannotWorkAreRefused(double drop, double recovered, double minZ) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DisengagementRule(7, 28, 10, 5, drop, recovered, minZ));
	}
}
