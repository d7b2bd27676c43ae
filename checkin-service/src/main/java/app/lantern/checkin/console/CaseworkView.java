package app.lantern.checkin.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.appointments.Appointments;
import app.lantern.checkin.appointments.Attendances;
import app.lantern.checkin.casework.CaseNotes;
import app.lantern.checkin.casework.FollowUps;
import app.lantern.checkin.casework.Workers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the client page shows of the casework: the workers, the follow-ups, the case notes, who may be named, and
 * the client's appointments with the last 30 days' attendance.
 */
@Component
class CaseworkView {

	private final Workers workers;

	private final CaseNotes notes;

	private final FollowUps followUps;

	private final JdbcClient jdbc;

	private final Appointments appointments;

	private final Attendances attendances;

	private final Clock clock;

	CaseworkView(Workers workers, CaseNotes notes, FollowUps followUps, JdbcClient jdbc, Appointments appointments,
			Attendances attendances, Clock clock) {
		this.attendances = attendances;
		this.appointments = appointments;
		this.clock = clock;
		this.workers = workers;
		this.notes = notes;
		this.followUps = followUps;
		this.jdbc = jdbc;
	}

	/** Adds the client's casework to the page's model; answers the case notes shown. */
	List<CaseNotes.Note> addTo(Model model, UUID clientId) {
		List<CaseNotes.Note> shown = notes.of(clientId, 50);
		model.addAttribute("workers", workers.of(clientId));
		model.addAttribute("notes", shown);
		model.addAttribute("followUps", followUps.ofClient(clientId));
		model.addAttribute("colleagues", colleagues(clientId));
		model.addAttribute("appointments", appointments.of(clientId));
		model.addAttribute("attendance", attendances.of(clientId, clock.instant().minus(Duration.ofDays(30))));
		return shown;
	}

	/** The enabled staff of the client's programme, who may be named as a worker or a task's owner. */
	private List<String> colleagues(UUID clientId) {
		return jdbc.sql("""
				select s.username from staff_user s join staff_programme sp on sp.username = s.username
				join client c on c.programme_id = sp.programme_id
				where c.id = ? and s.enabled order by s.username""")
			.param(clientId)
			.query(String.class)
			.list();
	}
}
