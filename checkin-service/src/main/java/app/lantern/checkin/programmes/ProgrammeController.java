package app.lantern.checkin.programmes;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.registry.ProfilePublisher;
import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.AlertType;
import app.lantern.events.EventJson;
import app.lantern.events.Languages;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/programmes} (those the staff user works in) and {@code POST /api/programmes} (ADMIN). */
@RestController
class ProgrammeController {

	private final Programmes programmes;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ProfilePublisher profiles;

	private final StaffAuthority authority;

	private final ProgrammePolicies policies;

	ProgrammeController(Programmes programmes, JdbcClient jdbc, AuditTrail audit, ProfilePublisher profiles,
			StaffAuthority authority, ProgrammePolicies policies) {
		this.authority = authority;
		this.policies = policies;
		this.profiles = profiles;
		this.programmes = programmes;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** The longest away a client may text for, unless the programme says otherwise. */
	static final int DEFAULT_MAX_AWAY_DAYS = 3;

	@GetMapping("/api/programmes")
	List<Programmes.Programme> list() {
		ProgrammeScope scope = programmes.current();
		return programmes.all().stream().filter(programme -> scope.includes(programme.id())).toList();
	}

	@PostMapping("/api/programmes")
	@Transactional
	ResponseEntity<Programmes.Programme> create(@RequestBody(required = false) NewProgramme body) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		if (checks.require(body.id(), "id") && !body.id().matches("[a-z0-9-]{2,40}")) {
			checks.reject("id", "must be 2 to 40 of a-z, 0-9 and dashes, as in eastside");
		}
		Programmes.Programme checked = checked(body, checks);
		if (programmes.find(body.id()).isPresent()) {
			throw new ConflictException("id", "a programme with this id exists");
		}
		jdbc.sql("insert into programme (id, name, timezone, default_region, max_away_days, language, "
				+ "second_factor_required, follow_up_missed_hours, follow_up_disengaging_hours, escalation_minutes) "
				+ "values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))")
			.params(body.id(), checked.name(), checked.timezone().getId(), checked.defaultRegion(),
					checked.maxAwayDays(), checked.language(), checked.secondFactorRequired(),
					hours(body.followUpMissedHours(), 24), hours(body.followUpDisengagingHours(), 72),
					EventJson.writeString(body.escalationMinutes() == null ? Map.of() : body.escalationMinutes()))
			.update();
		policies.apply(body.id(), body);
		audit.recordOf("programme " + body.id(), "PROGRAMME_CREATED", null);
		Programmes.Programme created = programmes.find(body.id()).orElseThrow();
		policies.keep(created, actor());
		return ResponseEntity.created(URI.create("/api/programmes/" + body.id())).body(created);
	}

	/**
	 * Renames a programme, or changes its zone or country, or its policy (its id stays): an ADMIN, or the programme's
	 * own administrator (another programme is 404 to them).
	 */
	@PutMapping("/api/programmes/{programme}")
	@Transactional
	Programmes.Programme change(@PathVariable String programme, @RequestBody(required = false) NewProgramme body) {
		if (!runs(programme)) {
			throw new NotFoundException("programme");
		}
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		Programmes.Programme checked = checked(body, checks);
		if (programmes.find(programme).isEmpty()) {
			throw new NotFoundException("programme");
		}
		jdbc.sql("update programme set name = ?, timezone = ?, default_region = ?, "
				+ "max_away_days = coalesce(?, max_away_days), language = coalesce(?, language), "
				+ "second_factor_required = coalesce(?, second_factor_required), "
				+ "follow_up_missed_hours = case when ? then ? else follow_up_missed_hours end, "
				+ "follow_up_disengaging_hours = case when ? then ? else follow_up_disengaging_hours end, "
				+ "escalation_minutes = coalesce(cast(? as jsonb), escalation_minutes) where id = ?")
			.params(checked.name(), checked.timezone().getId(), checked.defaultRegion(), body.maxAwayDays(),
					body.language() == null || body.language().isBlank() ? null : checked.language(),
					body.secondFactorRequired(), body.followUpMissedHours() != null,
					hours(body.followUpMissedHours(), null), body.followUpDisengagingHours() != null,
					hours(body.followUpDisengagingHours(), null),
					body.escalationMinutes() == null ? null : EventJson.writeString(body.escalationMinutes()), programme)
			.update();
		boolean profilesChange = policies.apply(programme, body);
		if (profilesChange && body.escalationMinutes() == null) {
			// a contact without quiet hours of their own keeps the programme's, and the rules engine judges by the
			// programme's rules: their profiles say so now
			profiles.changedForProgramme(programme);
		}
		if (body.escalationMinutes() != null) {
			// the rules engine decides on each client's profile: every profile of the programme says so now
			int clients = profiles.changedForProgramme(programme);
			audit.recordOf("programme " + programme, "PROGRAMME_ESCALATION_CHANGED",
					body.escalationMinutes() + ", " + clients + " profile(s) published");
		}
		Programmes.Programme changed = programmes.find(programme).orElseThrow();
		policies.keep(changed, actor());
		audit.recordOf("programme " + programme, "PROGRAMME_CHANGED", changes(body));
		return changed;
	}

	/** Every version of the programme's policy, newest first: for an ADMIN or the programme's own administrator. */
	@GetMapping("/api/programmes/{programme}/policy-versions")
	List<ProgrammePolicies.Version> versions(@PathVariable String programme) {
		if (!runs(programme) || programmes.find(programme).isEmpty()) {
			throw new NotFoundException("programme");
		}
		return policies.versions(programme);
	}

	/** What a change names, for the audit trail: the parts, never the words or numbers themselves. */
	private static String changes(NewProgramme body) {
		List<String> parts = new java.util.ArrayList<>();
		if (body.secondFactorRequired() != null) {
			parts.add("second factor required: " + body.secondFactorRequired());
		}
		if (body.crisisWords() != null) {
			parts.add("crisis words");
		}
		if (body.smsName() != null || body.smsPhone() != null) {
			parts.add("who replies say to call");
		}
		if (body.quietHours() != null) {
			parts.add("default quiet hours");
		}
		if (body.rules() != null) {
			parts.add("rules");
		}
		return parts.isEmpty() ? null : String.join(", ", parts);
	}

	private static String actor() {
		var signedIn = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
		return signedIn == null ? "system" : signedIn.getName();
	}

	/** Whether the signed-in user may change this programme: an ADMIN, or its own administrator. */
	boolean runs(String programme) {
		return authority.isAdmin() || (authority.isProgrammeAdmin() && authority.managedProgrammes().contains(programme));
	}

	/** A follow-up policy's hours as stored: 0 turns it off (null); absent, {@code otherwise}. */
	private static Integer hours(Integer asked, Integer otherwise) {
		return asked == null ? otherwise : asked == 0 ? null : asked;
	}

	private static Programmes.Programme checked(NewProgramme body, FieldChecks checks) {
		checks.require(body.name(), "name");
		checks.maxLength(body.name(), 80, "name");
		ZoneId zone = checks.require(body.timezone(), "timezone") ? checks.zone(body.timezone(), "timezone") : null;
		String region = body.defaultRegion() == null || body.defaultRegion().isBlank() ? "US"
				: body.defaultRegion().trim().toUpperCase(Locale.ROOT);
		if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
			checks.reject("defaultRegion", "must be a two-letter country code, as in US");
		}
		if (body.maxAwayDays() != null && (body.maxAwayDays() < 0 || body.maxAwayDays() > 14)) {
			checks.reject("maxAwayDays", "must be 0 (no AWAY by text) to 14 days");
		}
		checks.range(body.followUpMissedHours(), 0, 720, "followUpMissedHours");
		if (body.escalationMinutes() != null) {
			body.escalationMinutes().forEach((type, minutes) -> {
				AlertType kind = checks.parse(type, AlertType::valueOf, "escalationMinutes." + type,
						"is no kind of alert");
				if (kind != null && !kind.climbs()) {
					checks.reject("escalationMinutes." + type, "does not climb a ladder");
				}
				if (minutes == null || minutes < 1 || minutes > 1440) {
					checks.reject("escalationMinutes." + type, "must be 1 to 1440 minutes");
				}
			});
		}
		checks.range(body.followUpDisengagingHours(), 0, 720, "followUpDisengagingHours");
		ProgrammePolicies.check(body, region, checks);
		if (body.language() != null && !body.language().isBlank() && !Languages.valid(body.language())) {
			checks.reject("language", "must be a language code such as en or es");
		}
		checks.throwIfAny();
		return new Programmes.Programme(body.id(), body.name().trim(), zone, region,
				body.maxAwayDays() == null ? DEFAULT_MAX_AWAY_DAYS : body.maxAwayDays(),
				body.language() == null || body.language().isBlank() ? Languages.DEFAULT
						: body.language().trim(),
				Boolean.TRUE.equals(body.secondFactorRequired()), hours(body.followUpMissedHours(), 24),
				hours(body.followUpDisengagingHours(), 72), Map.of(), Map.of(), null, null, null, null);
	}
}
