package app.lantern.checkin.security;

import java.net.URI;
import java.util.List;
import java.util.Map;

import app.lantern.checkin.web.ConflictException;
import app.lantern.checkin.web.FieldChecks;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Staff accounts, for ADMIN only ({@code /api/staff/**} is restricted in {@link SecurityConfiguration}). */
@RestController
class StaffController {

	private final StaffUsers users;

	private final LoginThrottle throttle;

	private final PasswordPolicy policy;

	StaffController(StaffUsers users, LoginThrottle throttle, PasswordPolicy policy) {
		this.users = users;
		this.throttle = throttle;
		this.policy = policy;
	}

	/** Lifts every sign-in lock of a staff user (at every address, and the account's own). */
	@PostMapping("/api/staff/{username}/unlock")
	ResponseEntity<Void> unlock(@PathVariable String username) {
		if (!throttle.unlock(username)) {
			throw new app.lantern.checkin.web.NotFoundException("staff user " + username);
		}
		return ResponseEntity.noContent().build();
	}

	record NewStaff(String username, String password, String role) {
	}

	@GetMapping("/api/staff")
	List<StaffUsers.StaffView> list() {
		return users.list();
	}

	@PostMapping("/api/staff")
	ResponseEntity<Map<String, String>> create(@RequestBody(required = false) NewStaff body) {
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
		if (checks.require(body.role(), "role") && !List.of("STAFF", "ADMIN").contains(body.role())) {
			checks.reject("role", "must be STAFF or ADMIN");
		}
		checks.throwIfAny();
		if (users.exists(body.username())) {
			throw new ConflictException("username", "a staff user with this name exists");
		}
		users.create(body.username(), body.password(), body.role());
		return ResponseEntity.created(URI.create("/api/staff/" + body.username()))
			.body(Map.of("username", body.username(), "role", body.role()));
	}
}
