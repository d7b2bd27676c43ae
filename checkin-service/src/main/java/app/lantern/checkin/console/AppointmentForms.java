package app.lantern.checkin.console;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.appointments.Appointments;
import app.lantern.checkin.programmes.Programmes;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The client page's appointments, as staff keep them with the client: one added, one removed (audited). */
@Controller
class AppointmentForms {

	private final Programmes programmes;

	private final Appointments appointments;

	AppointmentForms(Programmes programmes, Appointments appointments) {
		this.programmes = programmes;
		this.appointments = appointments;
	}

	@PostMapping("/clients/{id}/appointments")
	String add(@PathVariable UUID id, @RequestParam(required = false) String kind,
			@RequestParam(required = false) String title, @RequestParam(required = false) List<String> days,
			@RequestParam(required = false) String date, @RequestParam(required = false) String time,
			@RequestParam(required = false) Integer remindMinutes, Principal staff, RedirectAttributes redirect) {
		programmes.requireClient(id);
		return Forms.onClientPage(id, redirect, "Appointment added: the client is reminded before it.",
				() -> appointments.add(id, new Appointments.NewAppointment(kind, title, days, Forms.blankAsNull(date),
						time, null, remindMinutes, true), staff.getName()));
	}

	@PostMapping("/clients/{id}/appointments/{appointmentId}/end")
	String end(@PathVariable UUID id, @PathVariable UUID appointmentId, Principal staff, RedirectAttributes redirect) {
		programmes.requireClient(id);
		return Forms.onClientPage(id, redirect, "Appointment removed.",
				() -> appointments.end(id, appointmentId, staff.getName()));
	}
}
