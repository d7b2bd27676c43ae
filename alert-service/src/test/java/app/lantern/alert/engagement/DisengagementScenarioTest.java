package app.lantern.alert.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The disengagement rule, with its default thresholds, on a generated scenario: 60 days of two due times a day for
 * 1,000 clients, each with their own usual adherence (65–97 %, misses at random) and lateness, and a known tenth of
 * them drifting away from a day between 36 and 50 (6 points fewer check-ins kept each day, down to 10 %, and 3
 * minutes later each day). Each due time goes through {@link Adherence} and the rule as the engine passes it
 * ({@link Engagement#duePassed}); the engine's own wiring is in {@code AlertTopologyTest}. Prints, and holds to,
 * how many drifting clients were warned, when against their missed check-ins escalating (two in a row raise a
 * MISSED_CHECKIN's level) and against two days of silence, and how many clients not drifting were warned. The
 * lead is printed, not held: on this scenario the rule warns after the first escalation, not before (see
 * docs/architecture.md, "Early warning of disengagement").
 */
class DisengagementScenarioTest {

	private static final int CLIENTS = 1_000;

	private static final int DAYS = 60;

	private static final DisengagementRule RULE = DisengagementRule.DEFAULTS;

	/** The days of the week (day % 7) each client goes to a meeting, at 19:00. */
	private static final Set<Integer> MEETING_DAYS = Set.of(1, 4);

	/** The share of the meetings' questions a client answers (an unanswered one says nothing). */
	private static final double ANSWERS = 0.85;

	@Test
	void warnsMostOfTheDriftingBeforeTheirSilencePilesUpAndFewOfTheOthers() {
		Scenario scenario = Scenario.run(3, RULE, false);
		scenario.print("drifting clients also check in 3 minutes later each day");

		assertThat(scenario.warned()).as("drifting clients warned").hasSizeGreaterThanOrEqualTo(scenario.drifting().size() * 9 / 10);
		assertThat(scenario.steadyWarned()).as("clients not drifting who were warned")
			.isLessThanOrEqualTo(scenario.steady().size() * 6 / 100);
		assertThat(count(scenario.leadOnSilence())).as("warned before two days of silence")
			.isGreaterThan(scenario.warned().size() / 2);
		// the warning singles out the drifting far better than an escalating missed check-in does
		assertThat(scenario.precision()).isGreaterThan(3 * scenario.escalationPrecision());
	}

	/** Without lateness to go on, misses alone: the warning still comes, but later. */
	@Test
	void withoutLatenessMissesAloneStillWarn() {
		Scenario scenario = Scenario.run(0, RULE, false);
		scenario.print("drifting clients check in no later than usual");

		assertThat(scenario.warned()).as("drifting clients warned").hasSizeGreaterThanOrEqualTo(scenario.drifting().size() * 85 / 100);
		assertThat(scenario.steadyWarned()).as("clients not drifting who were warned")
			.isLessThanOrEqualTo(scenario.steady().size() * 6 / 100);
	}

	/**
	 * The same clients with two meetings a week they answer about (their own usual attendance 60–98 %, 85 % of the
	 * questions answered; a drifting client's attendance falling as their check-ins do): the warning comes sooner,
	 * with no more false ones. Prints the table of docs/architecture.md, with and without the meetings, for each
	 * {@code evidence}; holds to the default's row.
	 */
	@Test
	void missedMeetingsBringTheWarningSoonerWithoutMoreFalseWarnings() {
		System.out.println("| `evidence` | meetings | drifting warned | median days into the drift | before two in a row "
				+ "| before four in a row | others warned |");
		for (double evidence : new double[] { 3, 4, 5, 6, 7, 8 }) {
			DisengagementRule rule = new DisengagementRule(RULE.recentDays(), RULE.baselineDays(), RULE.minBaselineDue(),
					RULE.drop(), RULE.later(), evidence);
			for (boolean meetings : new boolean[] { false, true }) {
				Scenario scenario = Scenario.run(3, rule, meetings);
				System.out.printf(Locale.ROOT, "| %s | %s | %d | %.1f | %d | %d | %d (%.1f %%) |%n",
						evidence == RULE.evidence() ? "**" + (int) evidence + " (default)**" : String.valueOf((int) evidence),
						meetings ? "answered" : "none", scenario.warned().size(), scenario.medianDaysIn(),
						count(scenario.leadOnEscalation()), count(scenario.leadOnSilence()), scenario.steadyWarned(),
						100.0 * scenario.steadyWarned() / scenario.steady().size());
			}
		}
		Scenario without = Scenario.run(3, RULE, false);
		Scenario with = Scenario.run(3, RULE, true);
		with.print("drifting clients check in later each day and miss more of their two meetings a week");

		assertThat(with.warned()).as("drifting clients warned").hasSizeGreaterThanOrEqualTo(with.drifting().size() * 9 / 10);
		assertThat(with.medianDaysIn()).as("median days into the drift").isLessThan(without.medianDaysIn());
		assertThat(count(with.leadOnEscalation())).as("warned before their first escalation")
			.isGreaterThan(count(without.leadOnEscalation()));
		assertThat(with.steadyWarned()).as("clients not drifting who were warned")
			.isLessThanOrEqualTo(without.steadyWarned());
	}

	/** The 1,000 clients' outcomes, drifting ones getting {@code lateDrift} minutes later each day. */
	private record Scenario(List<Outcome> drifting, List<Outcome> steady) {

		/** {@code meetings}: whether the clients answer about two meetings a week (drawn apart from the check-ins). */
		static Scenario run(double lateDrift, DisengagementRule rule, boolean meetings) {
			Random random = new Random(17);
			Random meetingDraws = new Random(29);
			List<Outcome> outcomes = new ArrayList<>();
			for (int i = 0; i < CLIENTS; i++) {
				double usual = 0.65 + random.nextDouble() * 0.32;
				double usualLate = random.nextDouble() * 25;
				int driftsFrom = i % 10 == 0 ? 36 + random.nextInt(15) : -1;
				double attends = meetings ? 0.60 + meetingDraws.nextDouble() * 0.38 : -1;
				outcomes.add(follow(usual, usualLate, driftsFrom, lateDrift, random, rule, attends, meetingDraws));
			}
			return new Scenario(outcomes.stream().filter(outcome -> outcome.driftsFrom() >= 0).toList(),
					outcomes.stream().filter(outcome -> outcome.driftsFrom() < 0).toList());
		}

		double medianDaysIn() {
			return median(warned().stream().map(outcome -> outcome.warned() - outcome.driftsFrom()).sorted().toList());
		}

		List<Outcome> warned() {
			return drifting.stream().filter(outcome -> outcome.warned() != null).toList();
		}

		List<Double> leadOnEscalation() {
			return leads(warned(), Outcome::escalated);
		}

		List<Double> leadOnSilence() {
			return leads(warned(), Outcome::silent);
		}

		long steadyWarned() {
			return steady.stream().filter(outcome -> outcome.warnings() > 0).count();
		}

		/** Of the clients warned, the share drifting. */
		double precision() {
			return (double) warned().size() / (warned().size() + steadyWarned());
		}

		/** Of the clients whose missed check-in escalated (two in a row), the share drifting. */
		double escalationPrecision() {
			long steadyEscalated = steady.stream().filter(Outcome::escalatedEver).count();
			return (double) drifting.size() / (drifting.size() + steadyEscalated);
		}

		void print(String how) {
			List<Outcome> warned = warned();
			List<Double> onEscalation = leadOnEscalation();
			List<Double> onSilence = leadOnSilence();
			List<Outcome> keepers = warned.stream().filter(outcome -> outcome.usual() >= 0.9).toList();
			System.out.printf("disengagement scenario (%d clients, %d days, %d drifting; %s): %d drifting warned, a "
					+ "median %.1f days after their drift began (their first two misses in a row came a median %.1f "
					+ "days after it); against that first missed-check-in escalation: %d warned before it, lead median "
					+ "%.1f days (min %.1f, max %.1f) — of those who usually keep 90 %% or more, %d of %d before it; "
					+ "against two days of silence (four in a row): %d before it, median %.1f days; false warnings: %d, "
					+ "to %d of %d clients not drifting (%.1f %%); %d of those %d had a missed check-in escalate at "
					+ "least once%n",
					CLIENTS, DAYS, drifting.size(), how, warned.size(),
					median(warned.stream().map(outcome -> outcome.warned() - outcome.driftsFrom()).sorted().toList()),
					median(drifting.stream().filter(outcome -> outcome.escalated() != null)
						.map(outcome -> outcome.escalated() - outcome.driftsFrom()).sorted().toList()),
					count(onEscalation), median(onEscalation), onEscalation.get(0),
					onEscalation.get(onEscalation.size() - 1), count(leads(keepers, Outcome::escalated)), keepers.size(),
					count(onSilence), median(onSilence), steady.stream().mapToLong(Outcome::warnings).sum(),
					steadyWarned(), steady.size(), 100.0 * steadyWarned() / steady.size(),
					steady.stream().filter(Outcome::escalatedEver).count(), steady.size());
		}
	}

	/**
	 * One client's 60 days, due time by due time, as the engine would see them; with {@code attends} at least 0, their
	 * meetings too (that share made as usual, drawn from {@code meetingDraws}), each answered about in the evening
	 * before the 21:00 due time is judged.
	 */
	private static Outcome follow(double usual, double usualLate, int driftsFrom, double lateDrift, Random random,
			DisengagementRule rule, double attends, Random meetingDraws) {
		Adherence adherence = Adherence.none();
		Warnings warnings = new Warnings();
		int missesInARow = 0;
		Double escalated = null;
		Double silent = null;
		boolean escalatedEver = false;
		for (int day = 0; day < DAYS; day++) {
			for (int hour : new int[] { 9, 21 }) {
				if (hour == 21 && attends >= 0 && MEETING_DAYS.contains(day % 7) && meetingDraws.nextDouble() < ANSWERS) {
					double at = day + 19 / 24.0;
					boolean drifted = driftsFrom >= 0 && at >= driftsFrom;
					double makes = drifted ? Math.max(0.10, attends - 0.06 * (at - driftsFrom)) : attends;
					boolean made = meetingDraws.nextDouble() < makes;
					adherence = adherence.withAppointment(day, made, rule.daysKept());
					DisengagementRule.Step step = rule.appointment(rule.trend(adherence, day), adherence.evidence(), made,
							warnings.open);
					adherence = adherence.withEvidence(step.evidence());
					warnings.after(step.verdict(), drifted, at);
				}
				double when = day + hour / 24.0;
				boolean drifted = driftsFrom >= 0 && when >= driftsFrom;
				double keeps = drifted ? Math.max(0.10, usual - 0.06 * (when - driftsFrom)) : usual;
				boolean kept = random.nextDouble() < keeps;
				double late = Math.max(-20, Math.min(55,
						usualLate + (drifted ? lateDrift * (when - driftsFrom) : 0) + random.nextGaussian() * 10));
				long minutesLate = kept ? Math.max(0, (long) late) : 0;
				adherence = adherence.with(day, kept, minutesLate, rule.daysKept());
				missesInARow = kept ? 0 : missesInARow + 1;
				escalatedEver |= missesInARow >= 2;
				if (drifted && missesInARow >= 2 && escalated == null) {
					escalated = when;
				}
				if (drifted && missesInARow >= 4 && silent == null) {
					silent = when;
				}
				DisengagementRule.Step step = rule.step(rule.trend(adherence, day), adherence.evidence(), kept,
						minutesLate, warnings.open);
				adherence = adherence.withEvidence(step.evidence());
				warnings.after(step.verdict(), drifted, when);
			}
		}
		return new Outcome(usual, driftsFrom, warnings.warned, escalated, silent, warnings.falseOnes, escalatedEver);
	}

	/** One client's warning as the rule's verdicts come: open or not, when first after a drift, how many without one. */
	private static final class Warnings {

		boolean open;

		Double warned;

		int falseOnes;

		void after(DisengagementRule.Verdict verdict, boolean drifted, double when) {
			switch (verdict) {
				case RAISE -> {
					open = true;
					if (drifted && warned == null) {
						warned = when;
					}
					else if (!drifted) {
						falseOnes++;
					}
				}
				case RESOLVE -> open = false;
				case NOTHING -> {
				}
			}
		}
	}

	/** How long before {@code event} each warned client was warned (days; negative: after it); earliest first. */
	private static List<Double> leads(List<Outcome> warned, java.util.function.Function<Outcome, Double> event) {
		return warned.stream()
			.map(outcome -> event.apply(outcome) == null ? Double.POSITIVE_INFINITY : event.apply(outcome) - outcome.warned())
			.sorted()
			.toList();
	}

	private static long count(List<Double> leads) {
		return leads.stream().filter(lead -> lead > 0).count();
	}

	private static double median(List<Double> leads) {
		return leads.get(leads.size() / 2);
	}

	/** {@code warnings}: raised for a client not drifting (false warnings); {@code warned}: the first after a drift. */
	private record Outcome(double usual, int driftsFrom, Double warned, Double escalated, Double silent, int warnings,
			boolean escalatedEver) {
	}
}
