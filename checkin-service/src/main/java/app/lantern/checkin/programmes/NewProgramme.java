package app.lantern.checkin.programmes;

import java.util.List;
import java.util.Map;

/**
 * A programme as {@code POST /api/programmes} creates it and {@code PUT /api/programmes/{id}} changes it (and the
 * console's policy page). {@code id}: a short name for URLs and the API, as in {@code eastside}; {@code timezone}: the
 * zone the console shows the programme's times in; {@code defaultRegion}: the country of a phone number typed
 * without {@code +country}, as in {@code US};
 * {@code maxAwayDays}: optional, 0 to 14 (3 when a programme is created without it; unchanged on a change);
 * {@code language}: optional, a language code such as en or es (en when created without it; unchanged on a change);
 * {@code secondFactorRequired}: optional, whether its staff must sign in with a second factor (false when created
 * without it; unchanged on a change); {@code followUpMissedHours}, {@code followUpDisengagingHours}: optional, 1 to
 * 720 hours, or 0 to turn that follow-up off (24 and 72 when created without them; unchanged on a change);
 * {@code escalationMinutes}: optional, the programme's own escalation timeout per kind of alert that climbs, 1 to
 * 1,440 minutes, as {@code {"CRISIS": 3, "MISSED_CHECKIN": 20}} (a kind not named: the deployment's; {@code {}}:
 * the deployment's for all; absent: unchanged). A change is carried to the rules engine in every client's profile.
 * {@code crisisWords}: optional, words of crisis the programme adds in each language to the deployment's, as
 * {@code {"es": ["me quiero ir para siempre"]}} ({@code {}}: none of its own; absent: unchanged) — recognised in
 * its clients' texts from the moment it is saved. {@code smsName}, {@code smsPhone}: optional, who the HELP reply and
 * a crisis reply tell its clients to call ({@code ""}: the deployment's; absent: unchanged). {@code quietHours}:
 * optional, {@code {"start": "22:00", "end": "07:00"}} for a contact who set none of their own ({@code {}}: none;
 * absent: unchanged). {@code rules}: optional, the programme's own rules file (YAML, as the deployment's), checked
 * whole and refused with the line named ({@code ""}: the deployment's; absent: unchanged).
 */
public record NewProgramme(String id, String name, String timezone, String defaultRegion, Integer maxAwayDays,
		String language, Boolean secondFactorRequired, Integer followUpMissedHours,
		Integer followUpDisengagingHours, Map<String, Integer> escalationMinutes, Map<String, List<String>> crisisWords,
		String smsName, String smsPhone, Map<String, String> quietHours, String rules) {

	/** A programme with no rules file of its own in the request. */
	public NewProgramme(String id, String name, String timezone, String defaultRegion, Integer maxAwayDays,
			String language, Boolean secondFactorRequired, Integer followUpMissedHours,
			Integer followUpDisengagingHours, Map<String, Integer> escalationMinutes, Map<String, List<String>> crisisWords,
			String smsName, String smsPhone, Map<String, String> quietHours) {
		this(id, name, timezone, defaultRegion, maxAwayDays, language, secondFactorRequired, followUpMissedHours,
				followUpDisengagingHours, escalationMinutes, crisisWords, smsName, smsPhone, quietHours, null);
	}

	/** A programme with no words, voice or quiet hours of its own in the request. */
	public NewProgramme(String id, String name, String timezone, String defaultRegion, Integer maxAwayDays,
			String language, Boolean secondFactorRequired, Integer followUpMissedHours,
			Integer followUpDisengagingHours, Map<String, Integer> escalationMinutes) {
		this(id, name, timezone, defaultRegion, maxAwayDays, language, secondFactorRequired, followUpMissedHours,
				followUpDisengagingHours, escalationMinutes, null, null, null, null, null);
	}
}
