package app.lantern.checkin.programmes;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the signed-in staff user may manage. An ADMIN manages everything. A programme's own administrator ({@code
 * PROGRAMME_ADMIN}, between STAFF and ADMIN) manages the staff, the rota and the audit trail of the programmes they
 * work in, and nothing outside them: staff who work only there (never an ADMIN), shifts of those programmes (not
 * the shifts of every programme), the audit lines of their clients and staff. Anything else is answered as if it
 * were not there.
 */
@Component
public class StaffAuthority {

	public static final String PROGRAMME_ADMIN = "PROGRAMME_ADMIN";

	private final JdbcClient jdbc;

	private final Programmes programmes;

	StaffAuthority(JdbcClient jdbc, Programmes programmes) {
		this.jdbc = jdbc;
		this.programmes = programmes;
	}

	public boolean isAdmin() {
		return has("ROLE_ADMIN");
	}

	public boolean isProgrammeAdmin() {
		return !isAdmin() && has("ROLE_" + PROGRAMME_ADMIN);
	}

	/** The programmes the signed-in programme administrator works in (for an ADMIN: null, every one). */
	public Set<String> managedProgrammes() {
		return isAdmin() ? null : Set.copyOf(programmes.memberships(name()));
	}

	/** 404 unless the signed-in user manages this staff user. */
	public void requireManages(String username) {
		if (isAdmin()) {
			return;
		}
		String role = jdbc.sql("select role from staff_user where username = ?").param(username).query(String.class)
			.optional().orElseThrow(() -> new NotFoundException("staff user " + username));
		List<String> theirs = programmes.memberships(username);
		if ("ADMIN".equals(role) || theirs.isEmpty() || !managedProgrammes().containsAll(theirs)) {
			throw new NotFoundException("staff user " + username);
		}
	}

	/** Rejects (by field) any programme the signed-in user may not put someone in, or a role they may not give. */
	public void checkAssignable(List<String> memberships, String role, FieldChecks checks) {
		if (isAdmin()) {
			return;
		}
		if (role != null && !role.equals("STAFF")) {
			checks.reject("role", "a programme administrator adds STAFF only");
		}
		Set<String> mine = managedProgrammes();
		for (int i = 0; i < memberships.size(); i++) {
			if (!mine.contains(memberships.get(i))) {
				checks.reject("programmes[" + i + "]", "is not a programme you administer");
			}
		}
	}

	/** A shift a programme administrator adds is of one of their programmes. */
	public void checkShiftProgramme(String programme, FieldChecks checks) {
		if (!isAdmin() && (programme == null || !managedProgrammes().contains(programme))) {
			checks.reject("programme", "must be a programme you administer");
		}
	}

	/** 404 unless the signed-in user manages this shift (an ADMIN: any; else one of their programmes'). */
	public void requireManagesShift(UUID shift) {
		if (isAdmin()) {
			return;
		}
		String programme = jdbc.sql("select programme_id from on_call_shift where id = ?").param(shift)
			.query(String.class).optional().orElse(null);
		if (programme == null || !managedProgrammes().contains(programme)) {
			throw new NotFoundException("shift " + shift);
		}
	}

	private static boolean has(String authority) {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		return signedIn != null && signedIn.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(authority));
	}

	private static String name() {
		Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
		return signedIn == null ? "" : signedIn.getName();
	}
}
