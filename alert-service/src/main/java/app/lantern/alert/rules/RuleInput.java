package app.lantern.alert.rules;

/**
 * What a rule's condition may read: the check-in, the client's threshold and the cravings of the two
 * check-ins before it. Plain data, read through its getters only.
 */
public final class RuleInput {

	private final Integer craving;

	private final Integer mood;

	private final boolean used;

	private final boolean crisis;

	private final int threshold;

	private final Integer previous1;

	private final Integer previous2;

	public RuleInput(Integer craving, Integer mood, boolean used, boolean crisis, int threshold, Integer previous1,
			Integer previous2) {
		this.craving = craving;
		this.mood = mood;
		this.used = used;
		this.crisis = crisis;
		this.threshold = threshold;
		this.previous1 = previous1;
		this.previous2 = previous2;
	}

	public Integer getCraving() {
		return craving;
	}

	public Integer getMood() {
		return mood;
	}

	public boolean isUsed() {
		return used;
	}

	public boolean isCrisis() {
		return crisis;
	}

	public int getThreshold() {
		return threshold;
	}

	public Integer getPrevious1() {
		return previous1;
	}

	public Integer getPrevious2() {
		return previous2;
	}
}
