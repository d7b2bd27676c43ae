package app.lantern.checkin.appointments;

import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.programmes.Programmes;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's appointments as staff keep them with the client ({@code /api/clients/{id}/appointments}): the list
 * and the last 30 days' attendance (reading it audited as a viewing), adding one, ending one. Another programme's
 * client is 404.
 */
@RestController
class AppointmentController {

	static final Duration ATTENDANCE_SPAN = Duration.ofDays(30);

	private final Appointments appointments;

	private final Attendances attendances;

	private final Programmes programmes;

	private final AuditTrail audit;

	private final Clock clock;

	AppointmentController(Appointments appointments, Attendances attendances, Programmes programmes, AuditTrail audit,
			Clock clock) {
		this.appointments = appointments;
		this.attendances = attendances;
		this.programmes = programmes;
		this.audit = audit;
		this.clock = clock;
	}

	/** An appointment as the API shows it: {@code days} weekday names, or {@code date} for a single one. */
	record AppointmentView(UUID id, Appointment.Kind kind, String title, List<String> days, LocalDate date,
			LocalTime time, int minutes, int remindMinutes, boolean askAfter, String addedBy, Instant addedAt) {

		static AppointmentView of(Appointment appointment) {
			return new AppointmentView(appointment.id(), appointment.kind(), appointment.title(),
					Appointments.dayNames(appointment.days()), appointment.onDate(), appointment.at(),
					appointment.minutes(), appointment.remindMinutes(), appointment.askAfter(), appointment.addedBy(),
					appointment.addedAt());
		}
	}

	record ClientAppointments(List<AppointmentView> appointments, Attendances.Attendance attendance) {
	}

	@GetMapping("/api/clients/{id}/appointments")
	ClientAppointments list(@PathVariable UUID id, Principal staff) {
		programmes.requireClient(id);
		audit.viewed(id, staff.getName(), "APPOINTMENTS");
		return new ClientAppointments(appointments.of(id).stream().map(AppointmentView::of).toList(),
				attendances.of(id, clock.instant().minus(ATTENDANCE_SPAN)));
	}

	@PostMapping("/api/clients/{id}/appointments")
	ResponseEntity<AppointmentView> add(@PathVariable UUID id,
			@RequestBody(required = false) Appointments.NewAppointment body, Principal staff) {
		programmes.requireClient(id);
		Appointment added = appointments.add(id, body, staff.getName());
		return ResponseEntity.created(URI.create("/api/clients/" + id + "/appointments/" + added.id()))
			.body(AppointmentView.of(added));
	}

	@DeleteMapping("/api/clients/{id}/appointments/{appointmentId}")
	ResponseEntity<Void> end(@PathVariable UUID id, @PathVariable UUID appointmentId, Principal staff) {
		programmes.requireClient(id);
		appointments.end(id, appointmentId, staff.getName());
		return ResponseEntity.noContent().build();
	}
}
