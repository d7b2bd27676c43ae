package app.lantern.checkin.security;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.oncall.OnCallRotaStore;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.programmes.StaffAuthority;
import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff accounts, for an ADMIN, or a programme's administrator within their programmes ({@code /api/staff/**} is
 * restricted in {@link SecurityConfiguration}, each account by {@link StaffAuthority}).
 */
@RestController
class StaffController {

	private final StaffUsers users;

	private final LoginThrottle throttle;

	private final PasswordPolicy policy;

	private final Programmes programmes;

	private final AuditTrail audit;

	private final OnCallRotaStore rota;

	private final StaffSessions sessions;

	private final StaffAuthority authority;

	StaffController(StaffUsers users, LoginThrottle throttle, PasswordPolicy policy, Programmes programmes,
			AuditTrail audit, OnCallRotaStore rota, StaffSessions sessions, StaffAuthority authority) {
		this.sessions = sessions;
		this.authority = authority;
		this.users = users;
		this.throttle = throttle;
		this.policy = policy;
		this.programmes = programmes;
		this.audit = audit;
		this.rota = rota;
	}

	/** Lifts every sign-in lock of a staff user (at every address, and the account's own). */
	@PostMapping("/api/staff/{username}/unlock")
	ResponseEntity<Void> unlock(@PathVariable String username) {
		authority.requireManages(username);
		if (!throttle.unlock(username)) {
			throw new NotFoundException("staff user " + username);
		}
		audit.recordOf("staff " + username, "STAFF_UNLOCKED", null);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Locks a staff user out at once: the account is disabled, every console session and remembered API sign-in of
	 * theirs ends (on every instance), and the rota no longer reaches them.
	 */
	@PostMapping("/api/staff/{username}/disable")
	@Transactional
	ResponseEntity<Void> disable(@PathVariable String username, Principal admin) {
		if (username.equals(admin.getName())) {
			throw new ConflictException("username", "an ADMIN cannot disable their own account");
		}
		authority.requireManages(username);
		if (!users.setEnabled(username, false)) {
			throw new NotFoundException("staff user " + username);
		}
		int ended = sessions.endAll(username);
		rota.publish();
		audit.recordOf("staff " + username, "STAFF_DISABLED", ended + " session(s) ended");
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/staff/{username}/enable")
	@Transactional
	ResponseEntity<Void> enable(@PathVariable String username) {
		authority.requireManages(username);
		if (!users.setEnabled(username, true)) {
			throw new NotFoundException("staff user " + username);
		}
		rota.publish();
		audit.recordOf("staff " + username, "STAFF_ENABLED", null);
		return ResponseEntity.noContent().build();
	}

	/**
	 * A one-time password for a staff user who lost theirs, shown this once to the ADMIN to hand over: it signs in
	 * only to choose a new one. Every session of theirs ends.
	 */
	@PostMapping("/api/staff/{username}/password-reset")
	@Transactional
	Map<String, String> resetPassword(@PathVariable String username) {
		authority.requireManages(username);
		String oneTime = OneTimePasswords.next();
		if (!users.setPassword(username, oneTime, true)) {
			throw new NotFoundException("staff user " + username);
		}
		sessions.endAll(username);
		audit.recordOf("staff " + username, "STAFF_PASSWORD_RESET", null);
		return Map.of("username", username, "oneTimePassword", oneTime);
	}

	/** {@code programmes}: optional; absent or empty puts a STAFF user in the default programme. */
	record NewStaff(String username, String password, String role, List<String> programmes) {
	}

	record Memberships(List<String> programmes) {
	}

	/** Every staff user; a programme's administrator sees those who work only in their programmes. */
	@GetMapping("/api/staff")
	List<StaffUsers.StaffView> list() {
		Set<String> mine = authority.managedProgrammes();
		return users.list().stream().filter(staff -> mine == null || (!staff.role().equals("ADMIN")
				&& !staff.programmes().isEmpty() && mine.containsAll(staff.programmes()))).toList();
	}

	@PostMapping("/api/staff")
	@Transactional
	ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) NewStaff body) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		if (checks.require(body.username(), "username") && !body.username().matches("[a-z0-9._-]{3,40}")) {
			checks.reject("username", "must be 3 to 40 of a-z, 0-9, dot, dash or underscore");
		}
		if (checks.require(body.password(), "password")) {
			policy.problem(body.username(), body.password()).ifPresent(problem -> checks.reject("password", problem));
		}
		if (checks.require(body.role(), "role")
				&& !List.of("STAFF", StaffAuthority.PROGRAMME_ADMIN, "ADMIN").contains(body.role())) {
			checks.reject("role", "must be STAFF, PROGRAMME_ADMIN or ADMIN");
		}
		List<String> memberships = programmes(body.programmes(), checks);
		authority.checkAssignable(memberships, body.role(), checks);
		checks.throwIfAny();
		if (users.exists(body.username())) {
			throw new ConflictException("username", "a staff user with this name exists");
		}
		users.create(body.username(), body.password(), body.role());
		users.setProgrammes(body.username(), memberships);
		audit.recordOf("staff " + body.username(), "STAFF_CREATED", body.role() + " in " + memberships);
		return ResponseEntity.created(URI.create("/api/staff/" + body.username()))
			.body(Map.of("username", body.username(), "role", body.role(), "programmes", memberships));
	}

	/** Which programmes a staff user works in: replaces what they had. */
	@PutMapping("/api/staff/{username}/programmes")
	@Transactional
	Map<String, Object> setProgrammes(@PathVariable String username, @RequestBody(required = false) Memberships body) {
		FieldChecks checks = new FieldChecks();
		List<String> memberships = programmes(body == null ? null : body.programmes(), checks);
		if (body == null || body.programmes() == null || body.programmes().isEmpty()) {
			checks.reject("programmes", "must name at least one programme");
		}
		authority.requireManages(username);
		authority.checkAssignable(memberships, null, checks);
		checks.throwIfAny();
		if (!users.exists(username)) {
			throw new NotFoundException("staff user " + username);
		}
		users.setProgrammes(username, memberships);
		// a crisis no one on call can take goes to the programme's staff: the notifier learns who they are now
		rota.publish();
		audit.recordOf("staff " + username, "STAFF_PROGRAMMES_CHANGED", String.valueOf(memberships));
		return Map.of("username", username, "programmes", memberships);
	}

	private List<String> programmes(List<String> requested, FieldChecks checks) {
		if (requested == null || requested.isEmpty()) {
			return List.of(Programmes.DEFAULT);
		}
		for (int i = 0; i < requested.size(); i++) {
			if (programmes.find(requested.get(i)).isEmpty()) {
				checks.reject("programmes[" + i + "]", "is not a programme here");
			}
		}
		return requested.stream().distinct().toList();
	}
}
