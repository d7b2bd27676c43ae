package app.lantern.checkin.appointments;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import app.lantern.events.ClientMessage;
import app.lantern.events.Topics;
import app.lantern.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends each appointment's reminder before it and its question after it, once: every half minute it looks at the
 * appointments of active clients, and for an occurrence whose time has come claims the reminder or the question in
 * the occurrence's row and writes the client's message to the outbox in the same transaction. Several instances
 * may look at once; the claim lets one of them send. The message's id is made from the occurrence, so even a
 * message written twice is delivered once.
 *
 * <p>A question is asked only in the hours after an appointment ({@link #ASK_WITHIN}): one the service was down
 * for is not asked a day late. Only occurrences after the appointment was added count.
 */
@Component
class AppointmentClock {

	private static final Logger log = LoggerFactory.getLogger(AppointmentClock.class);

	/** How long after an appointment ends its question may still be asked. */
	static final Duration ASK_WITHIN = Duration.ofHours(6);

	private final Appointments appointments;

	private final JdbcClient jdbc;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Clock clock;

	AppointmentClock(Appointments appointments, JdbcClient jdbc, Outbox outbox, TransactionTemplate transactions,
			Clock clock) {
		this.appointments = appointments;
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${lantern.appointments.check-every:30s}", initialDelayString = "${lantern.appointments.check-every:30s}")
	void look() {
		Instant now = clock.instant();
		int sent = 0;
		for (Appointments.Scheduled scheduled : appointments.scheduled()) {
			Appointment appointment = scheduled.appointment();
			LocalDate today = LocalDate.ofInstant(now, scheduled.zone());
			for (Instant start : appointment.startsBetween(today.minusDays(2), today.plusDays(1), scheduled.zone())) {
				if (!start.isAfter(appointment.addedAt())) {
					continue;
				}
				if (appointment.remindMinutes() > 0 && !now.isBefore(appointment.remindAt(start)) && now.isBefore(start)
						&& claim(appointment, start, "reminded_at", ClientMessage.Kind.APPOINTMENT_REMINDER, now)) {
					sent++;
				}
				Instant end = appointment.endsAfter(start);
				if (appointment.askAfter() && !now.isBefore(end) && now.isBefore(end.plus(ASK_WITHIN))
						&& claim(appointment, start, "asked_at", ClientMessage.Kind.APPOINTMENT_QUESTION, now)) {
					sent++;
				}
			}
		}
		if (sent > 0) {
			log.info("Sent {} appointment reminders and questions", sent);
		}
	}

	/** Claims the occurrence's reminder or question ({@code column}) and writes its message, or finds it done. */
	private boolean claim(Appointment appointment, Instant start, String column, ClientMessage.Kind kind, Instant now) {
		return Boolean.TRUE.equals(transactions.execute(status -> {
			boolean claimed = jdbc.sql("insert into appointment_occurrence (appointment_id, starts_at, " + column
					+ ") values (?, ?, ?) on conflict (appointment_id, starts_at) do update set " + column
					+ " = excluded." + column + " where appointment_occurrence." + column + " is null returning 1")
				.params(appointment.id(), Timestamp.from(start), Timestamp.from(now))
				.query(Integer.class)
				.optional()
				.isPresent();
			if (claimed) {
				UUID messageId = UUID.nameUUIDFromBytes((appointment.id() + "/" + start + "/" + kind)
					.getBytes(StandardCharsets.UTF_8));
				outbox.append(Topics.CLIENT_MESSAGES, ClientMessage.appointment(messageId,
						appointment.clientId().toString(), kind, appointment.kind().name(), start, now));
			}
			return claimed;
		}));
	}
}
