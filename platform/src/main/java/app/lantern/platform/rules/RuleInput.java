package app.lantern.platform.rules;

/**
 * What a rule's condition may read: the check-in, the client's threshold and programme, and the cravings of the
 * two check-ins before it. Plain data, read through its getters only.
 */
public final class RuleInput {

	private final Integer craving;

	private final Integer mood;

	private final boolean used;

	private final boolean crisis;

	private final int threshold;

	private final Integer cravingBefore;

	private final Integer cravingTwoBefore;

	private final String programme;

	/**
	 * @param cravingBefore the craving of the client's check-in just before this one, or null
	 * @param cravingTwoBefore the craving of the check-in before that, or null
	 */
	public RuleInput(Integer craving, Integer mood, boolean used, boolean crisis, int threshold,
			Integer cravingBefore, Integer cravingTwoBefore) {
		this(craving, mood, used, crisis, threshold, cravingBefore, cravingTwoBefore, null);
	}

	/** @param programme the client's programme (its id), or null when not known */
	public RuleInput(Integer craving, Integer mood, boolean used, boolean crisis, int threshold,
			Integer cravingBefore, Integer cravingTwoBefore, String programme) {
		this.programme = programme;
		this.craving = craving;
		this.mood = mood;
		this.used = used;
		this.crisis = crisis;
		this.threshold = threshold;
		this.cravingBefore = cravingBefore;
		this.cravingTwoBefore = cravingTwoBefore;
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

	public Integer getCravingBefore() {
		return cravingBefore;
	}

	/** The client's programme (its id): a rule may be for one programme only, as {@code programme == 'eastside'}. */
	public String getProgramme() {
		return programme;
	}

	public Integer getCravingTwoBefore() {
		return cravingTwoBefore;
	}

	/** The name rules files used before {@code cravingBefore}; kept so a programme's rules keep working. */
	public Integer getPrevious1() {
		return cravingBefore;
	}

	/** The name rules files used before {@code cravingTwoBefore}; kept so a programme's rules keep working. */
	public Integer getPrevious2() {
		return cravingTwoBefore;
	}
}
