package app.lantern.alert.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;

import app.lantern.events.JsonSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rule's table, with the default settings (a drift of 0.25 more due times missed, 0.7 of the client's own
 * standard deviations later; evidence 7 raises), then how the windows are kept.
 */
class DisengagementRuleTest {

	private static final DisengagementRule RULE = DisengagementRule.DEFAULTS;

	/**
	 * One due time at a time. The client's usual: {@code usual due} due times, {@code kept} of them kept, their
	 * check-ins {@code late} ± {@code spread} minutes after the due time. Then this due time, kept that many minutes
	 * late or missed ({@code -}), on top of the evidence before it.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			# what                                                    | usual due | kept | late | spread | before | this due time | open  | after  | verdict
			a steady client, on time as usual                         | 56 | 50 | 10 | 5 | 0    | 10  | false | 0      | NOTHING
			a good spell stores no credit                             | 56 | 50 | 10 | 5 | 0    | 0   | false | 0      | NOTHING
			one miss from a client who keeps 89 %                     | 56 | 50 | 10 | 5 | 0    | -   | false | 1.204  | NOTHING
			a miss on top of a run of evidence                        | 56 | 50 | 10 | 5 | 6    | -   | false | 7.204  | RAISE
			20 minutes late, two of their spreads later than usual    | 56 | 50 | 10 | 5 | 0    | 20  | false | 0.827  | NOTHING
			two hours late counts as no more than three spreads       | 56 | 50 | 10 | 5 | 0    | 120 | false | 1.527  | NOTHING
			a due time kept as usual takes evidence away              | 56 | 50 | 10 | 5 | 3    | 10  | false | 2.427  | NOTHING
			one miss from a client who keeps half says little         | 56 | 28 | 10 | 5 | 0    | -   | false | 0.405  | NOTHING
			one miss from a client who never missed says more         | 56 | 56 | 10 | 0 | 0    | -   | false | 1.792  | NOTHING
			a client always on the minute is not alarmed by a minute  | 56 | 56 | 10 | 0 | 0    | 11  | false | 0      | NOTHING
			no usual yet (a new client): nothing moves                | 19 | 19 | 10 | 5 | 0    | -   | false | 0      | NOTHING
			lateness needs five kept in the usual to count            | 20 | 4  | 10 | 5 | 3    | 60  | false | 0.921  | NOTHING
			open, another miss: held at the raising level             | 56 | 50 | 10 | 5 | 7    | -   | true  | 7      | NOTHING
			open, a due time kept as usual                            | 56 | 50 | 10 | 5 | 7    | 10  | true  | 6.427  | NOTHING
			open, the last of the evidence gone                       | 56 | 50 | 10 | 5 | 0.5  | 10  | true  | 0      | RESOLVE
			closed by staff while held: a miss starts afresh          | 56 | 50 | 10 | 5 | 7    | -   | false | 1.204  | NOTHING
			""")
	void judges(String what, int usualDue, int usualKept, long late, long spread, double before, String dueTime,
			boolean open, double after, DisengagementRule.Verdict verdict) {
		var usual = new Adherence.Window(usualDue, usualKept, usualKept * late,
				usualKept * (late * late + spread * spread), 0, 0);
		var trend = new DisengagementRule.Trend(new Adherence.Window(14, 12, 120, 1500, 0, 0), usual);
		boolean kept = !dueTime.equals("-");

		var step = RULE.step(trend, before, kept, kept ? Long.parseLong(dueTime) : 0, open);

		assertThat(step.evidence()).as(what).isCloseTo(after, within(0.001));
		assertThat(step.verdict()).as(what).isEqualTo(verdict);
	}

	/**
	 * A client who kept 89 % of two due times a day, on time, starts missing one in three and coming 3 minutes later
	 * each day: warned within a week (no two misses in a row in it); back to their usual, resolved.
	 */
	@Test
	void aDriftIsSeenBeforeMissesComeInARowAndARecoveryResolvesIt() {
		Judged judged = new Judged(Adherence.none(), null, null);
		int dueTime = 0;
		for (; dueTime < 56; dueTime++) {
			judged = passed(judged, dueTime, dueTime % 9 != 0, 10 + dueTime % 7, false);
		}
		int drifted = 0;
		while (judged.step().verdict() != DisengagementRule.Verdict.RAISE && drifted < 60) {
			judged = passed(judged, dueTime++, drifted % 3 != 2, 10 + 3 * (drifted / 2), false);
			drifted++;
		}
		assertThat(drifted).as("due times of the drift before the warning (two a day)").isLessThanOrEqualTo(14);
		assertThat(judged.trend().describe()).contains("in the last days", "before");

		int back = 0;
		while (judged.step().verdict() != DisengagementRule.Verdict.RESOLVE && back < 100) {
			judged = passed(judged, dueTime++, true, 10, true);
			back++;
		}
		assertThat(back).as("due times kept as usual before it is resolved").isBetween(5, 20);
	}

	private record Judged(Adherence adherence, DisengagementRule.Step step, DisengagementRule.Trend trend) {
	}

	/** The {@code dueTime}th due time (two a day) passed, kept {@code late} minutes after it or not. */
	private static Judged passed(Judged before, int dueTime, boolean kept, long late, boolean open) {
		long day = 20_000 + dueTime / 2;
		Adherence counted = before.adherence().with(day, kept, late, RULE.daysKept());
		var trend = RULE.trend(counted, day);
		var step = RULE.step(trend, counted.evidence(), kept, late, open);
		return new Judged(counted.withEvidence(step.evidence()), step, trend);
	}

	/** Adherence kept before lateness was squared and evidence was gathered reads as none of either. */
	@Test
	void adherenceKeptBeforeTheEvidenceReads() {
		String older = """
				{"days":[{"day":20000,"due":2,"kept":1,"lateMinutes":12}]}""";

		Adherence read = JsonSerde.of(Adherence.class).deserialize("adherence", older.getBytes(StandardCharsets.UTF_8));

		assertThat(read.evidence()).isZero();
		assertThat(read.days()).singleElement().satisfies(day -> assertThat(day.lateSquares()).isZero());
		assertThat(read.window(20000, 20000).meanLateMinutes()).isEqualTo(12);
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
	@CsvSource({ "0, 0.7, 7", "1, 0.7, 7", "0.25, -1, 7", "0.25, 0.7, 0" })
	void settingsThatCannotWorkAreRefused(double drop, double later, double evidence) {
		assertThatIllegalArgumentException().isThrownBy(() -> new DisengagementRule(7, 28, 20, drop, later, evidence));
	}

	/**
	 * An appointment answered about, against the client's own usual share made: a miss by a client who makes nine in
	 * ten is evidence (ln(0.35 / 0.10)); one made takes a little away (ln(0.65 / 0.90)); too few answers in the usual
	 * say nothing.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			makes 18 of 20, misses one             | 20 | 18 | false | 0 | 1.253
			makes 18 of 20, makes one              | 20 | 18 | true  | 2 | 1.675
			makes 18 of 20, makes one, from none   | 20 | 18 | true  | 0 | 0
			makes 12 of 20, misses one             | 20 | 12 | false | 0 | 0.486
			three answers in the usual: nothing    | 3  | 3  | false | 0 | 0
			""")
	void weighsAnAppointmentAgainstTheClientsOwnAttendance(String what, int asked, int attended, boolean made,
			double before, double after) {
		var usual = new Adherence.Window(56, 50, 500, 5000, asked, attended);
		var trend = new DisengagementRule.Trend(new Adherence.Window(14, 12, 120, 1500, 2, 2), usual);

		var step = RULE.appointment(trend, before, made, false);

		assertThat(step.evidence()).as(what).isCloseTo(after, within(0.001));
		assertThat(step.verdict()).as(what).isEqualTo(DisengagementRule.Verdict.NOTHING);
	}
}
