package app.lantern.checkin.oncall;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.programmes.StaffAuthority;
import app.lantern.checkin.registry.PhoneNumbers;
import app.lantern.checkin.web.FieldChecks;
import app.lantern.checkin.web.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Changes to the rota and the staff's on-call addresses, checked the same for the API and the console: every
 * wrong field named at once, nothing stored unless all are right. Shift times are local date-times in the
 * programme's time zone ({@code 2026-11-30T08:00}); a daylight-saving gap or overlap is resolved as
 * {@link java.time.ZonedDateTime#of} does.
 */
@Service
class OnCallChanges {

	private final OnCallRotaStore rota;

	private final AuditTrail audit;

	private final Programmes programmes;

	private final StaffAuthority authority;

	OnCallChanges(OnCallRotaStore rota, AuditTrail audit, Programmes programmes, StaffAuthority authority) {
		this.authority = authority;
		this.rota = rota;
		this.audit = audit;
		this.programmes = programmes;
	}

	record Addresses(String phone, String email) {
	}

	/** {@code programme}: optional; the programme whose clients the shift covers (absent: every programme). */
	record NewShift(String startsAt, String endsAt, String primary, String fallback, String programme) {

		NewShift(String startsAt, String endsAt, String primary, String fallback) {
			this(startsAt, endsAt, primary, fallback, null);
		}
	}

	/** Sets a staff user's phone and e-mail (blank clears); returns them as stored. */
	Addresses setAddresses(String username, Addresses body) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		String phone = blank(body.phone()) ? null
				: checks.parse(body.phone(), raw -> PhoneNumbers.e164(raw, "US"), "phone", PhoneNumbers.PROBLEM);
		String email = blank(body.email()) ? null : checks.email(body.email(), "email");
		checks.throwIfAny();
		authority.requireManages(username);
		rota.staff(username).orElseThrow(() -> new NotFoundException("staff user " + username));
		rota.setAddresses(username, phone, email);
		audit.recordOf("staff " + username, "STAFF_ADDRESSES_CHANGED", null);
		return new Addresses(phone, email);
	}

	UUID addShift(NewShift body, String by) {
		FieldChecks checks = new FieldChecks();
		if (body == null) {
			checks.reject("body", "is required").throwIfAny();
		}
		Span span = span(body.startsAt(), body.endsAt(), checks);
		if (checks.require(body.primary(), "primary")) {
			reachable(body.primary(), "primary", checks);
		}
		if (!blank(body.fallback())) {
			if (body.fallback().equals(body.primary())) {
				checks.reject("fallback", "must be someone other than the primary");
			}
			else {
				reachable(body.fallback(), "fallback", checks);
			}
		}
		String programme = blank(body.programme()) ? null : body.programme().trim();
		if (programme != null && programmes.find(programme).isEmpty()) {
			checks.reject("programme", "is not a programme here");
		}
		authority.checkShiftProgramme(programme, checks);
		checks.throwIfAny();
		UUID shift = rota.addShift(span.startsAt(), span.endsAt(), body.primary(), blank(body.fallback()) ? null : body.fallback(),
				programme, by);
		audit.recordOf("on-call rota", by, "SHIFT_ADDED", "shift " + shift);
		return shift;
	}

	void removeShift(UUID id) {
		authority.requireManagesShift(id);
		if (!rota.removeShift(id)) {
			throw new NotFoundException("shift " + id);
		}
		audit.recordOf("on-call rota", "SHIFT_REMOVED", "shift " + id);
	}

	/** A stretch of the rota: from {@code startsAt} until {@code endsAt}. */
	record Span(Instant startsAt, Instant endsAt) {
	}

	/**
	 * A stretch given as local date-times in the rota's zone (a shift's, an override's), each wrong one named; the
	 * end after the start.
	 */
	Span span(String startsAt, String endsAt, FieldChecks checks) {
		ZoneId zone = rota.programmeZone();
		Instant from = checks.require(startsAt, "startsAt") ? checks.parse(startsAt,
				text -> LocalDateTime.parse(text).atZone(zone).toInstant(), "startsAt",
				"must be a local date and time, as in 2026-11-30T08:00") : null;
		Instant until = checks.require(endsAt, "endsAt") ? checks.parse(endsAt,
				text -> LocalDateTime.parse(text).atZone(zone).toInstant(), "endsAt",
				"must be a local date and time, as in 2026-11-30T20:00") : null;
		if (from != null && until != null && !until.isAfter(from)) {
			checks.reject("endsAt", "must be after startsAt");
		}
		return new Span(from, until);
	}

	/** A staff user on a shift must exist, be enabled, and have a phone or an e-mail to be reached on. */
	void reachable(String username, String field, FieldChecks checks) {
		var staff = rota.staff(username);
		if (staff.isEmpty()) {
			checks.reject(field, "is not an enabled staff user");
		}
		else if (staff.get().phone() == null && staff.get().email() == null) {
			checks.reject(field, "has no phone or e-mail to be reached on: set them at /api/staff/" + username
					+ "/contact first");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
