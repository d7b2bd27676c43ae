package app.lantern.checkin.programmes;

import java.util.Set;

/**
 * The programmes the signed-in staff user may see: every programme for an ADMIN, their own for STAFF. Queries
 * take {@link #ids()} as {@code programme_id = any(?)}.
 */
public record ProgrammeScope(Set<String> programmes, boolean everything) {

	public ProgrammeScope {
		programmes = Set.copyOf(programmes);
	}

	public String[] ids() {
		return programmes.toArray(String[]::new);
	}

	public boolean includes(String programme) {
		return everything || programmes.contains(programme);
	}
}
