package app.lantern.checkin.intake;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import app.lantern.checkin.appointments.Appointment;
import app.lantern.checkin.appointments.Appointments;
import app.lantern.checkin.appointments.Attendances;
import app.lantern.checkin.registry.CheckInLinks;
import app.lantern.checkin.registry.ClientRecords;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.checkin.web.PageLocales;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The client's own appointments on their private page ({@code /c/{token}/appointments}): what they go to (added,
 * ended), the questions of the last week waiting for their answer (I went / I did not), and how many they made in
 * the last 30 days. Every post carries the page's own proof.
 */
@Controller
class AppointmentsPage {

	private final CheckInLinks links;

	private final ClientRecords clients;

	private final Appointments appointments;

	private final Attendances attendances;

	private final FormTokens proofs;

	private final Clock clock;

	AppointmentsPage(CheckInLinks links, ClientRecords clients, Appointments appointments, Attendances attendances,
			FormTokens proofs, Clock clock) {
		this.attendances = attendances;
		this.links = links;
		this.clients = clients;
		this.appointments = appointments;
		this.proofs = proofs;
		this.clock = clock;
	}

	/**
	 * One appointment as the page lists it: its kind, title, and when in the client's language — {@code on} the
	 * weekdays or the date, or {@code everyDay}, at {@code time}.
	 */
	record Row(UUID id, String kind, String title, String on, boolean everyDay, String time) {
	}

	/** A question waiting: which occurrence ({@code startsAt} as ISO text, for the answer's form). */
	record Question(UUID appointmentId, String startsAt, String kind, String title, String when) {
	}

	@GetMapping("/c/{token}/appointments")
	ModelAndView page(@PathVariable String token, HttpServletRequest request) {
		return holder(token).map(client -> page(token, client, request, null, List.of(), null))
			.orElseGet(AppointmentsPage::notFound);
	}

	@PostMapping("/c/{token}/appointments")
	ModelAndView add(@PathVariable String token, @RequestParam(required = false) String proof,
			@RequestParam(required = false) String kind, @RequestParam(required = false) String title,
			@RequestParam(required = false) List<String> days, @RequestParam(required = false) String date,
			@RequestParam(required = false) String time, @RequestParam(required = false) Integer remindMinutes,
			HttpServletRequest request) {
		return posted(token, proof, request, client -> {
			try {
				appointments.add(client.id(), new Appointments.NewAppointment(kind, title, days,
						date == null || date.isBlank() ? null : date, time, null, remindMinutes, true), Appointments.CLIENT);
				return page(token, client, request, "page.appointments.added", List.of(), null);
			}
			catch (InvalidFieldsException invalid) {
				return page(token, client, request, "page.appointments.error.fields",
						invalid.errors().stream().map(InvalidFieldsException.FieldError::field).toList(), HttpStatus.BAD_REQUEST);
			}
		});
	}

	@PostMapping("/c/{token}/appointments/end")
	ModelAndView end(@PathVariable String token, @RequestParam(required = false) String proof,
			@RequestParam UUID appointmentId, HttpServletRequest request) {
		return posted(token, proof, request, client -> {
			appointments.end(client.id(), appointmentId, Appointments.CLIENT);
			return page(token, client, request, "page.appointments.ended", List.of(), null);
		});
	}

	@PostMapping("/c/{token}/appointments/answer")
	ModelAndView answer(@PathVariable String token, @RequestParam(required = false) String proof,
			@RequestParam UUID appointmentId, @RequestParam Instant startsAt, @RequestParam boolean attended,
			HttpServletRequest request) {
		return posted(token, proof, request, client -> {
			boolean answered = attendances.answer(client.id(), appointmentId, startsAt, attended, "PAGE").isPresent();
			return page(token, client, request, answered ? (attended ? "page.appointments.went" : "page.appointments.missed")
					: "page.appointments.answered", List.of(), null);
		});
	}

	private ModelAndView posted(String token, String proof, HttpServletRequest request,
			Function<CheckInLinks.Holder, ModelAndView> action) {
		Optional<CheckInLinks.Holder> found = holder(token);
		if (found.isEmpty()) {
			return notFound();
		}
		CheckInLinks.Holder client = found.get();
		if (proofs.check(proof, client.linkHash(), clock.instant()) != FormTokens.Check.VALID) {
			return page(token, client, request, "page.appointments.error.stale", List.of(), HttpStatus.CONFLICT);
		}
		return action.apply(client);
	}

	private Optional<CheckInLinks.Holder> holder(String token) {
		return links.holderOf(token).filter(client -> !client.discharged());
	}

	private ModelAndView page(String token, CheckInLinks.Holder client, HttpServletRequest request, String message,
			List<String> wrong, HttpStatus status) {
		PageLocales.speak(request, client.locale());
		Locale locale = client.locale();
		ZoneId zone = ZoneId.of(clients.find(client.id()).orElseThrow().timezone());
		Instant now = clock.instant();
		DateTimeFormatter at = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
			.withLocale(locale).withZone(zone);
		ModelAndView page = new ModelAndView("checkin/appointments");
		page.addObject("token", token);
		page.addObject("proof", proofs.issue(client.linkHash(), now));
		page.addObject("appointments", appointments.of(client.id()).stream()
			.map(appointment -> row(appointment, locale))
			.toList());
		page.addObject("questions", attendances.unanswered(client.id()).stream()
			.map(asked -> new Question(asked.appointmentId(), asked.startsAt().toString(), asked.kind().name(),
					asked.title(), at.format(asked.startsAt())))
			.toList());
		page.addObject("attendance", attendances.of(client.id(), now.minus(Duration.ofDays(30))));
		page.addObject("weekdays", List.of(DayOfWeek.values()).stream()
			.map(day -> new String[] { day.name(), day.getDisplayName(TextStyle.FULL, locale) }).toList());
		page.addObject("kinds", Appointment.Kind.values());
		page.addObject("message", message);
		page.addObject("wrong", wrong);
		if (status != null) {
			page.setStatus(status);
		}
		return page;
	}

	private static Row row(Appointment appointment, Locale locale) {
		String time = appointment.at().format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
		String on = appointment.repeats()
				? String.join(", ", appointment.days().stream().sorted()
					.map(day -> day.getDisplayName(TextStyle.FULL, locale)).toList())
				: appointment.onDate().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
		return new Row(appointment.id(), appointment.kind().name(), appointment.title(), on,
				appointment.days().size() == 7, time);
	}

	private static ModelAndView notFound() {
		ModelAndView page = new ModelAndView("checkin/not-found");
		page.setStatus(HttpStatus.NOT_FOUND);
		return page;
	}
}
