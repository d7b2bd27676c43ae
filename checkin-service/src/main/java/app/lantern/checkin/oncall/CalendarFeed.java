package app.lantern.checkin.oncall;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.Principal;
import java.util.Map;

import app.lantern.checkin.CheckinProperties;
import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.registry.LinkTokens;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.OnCallRota;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.validate.ValidationException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Each staff member's shifts as an iCalendar feed at a private URL, for their calendar app to subscribe to: on call
 * or standing in, from a week ago to four weeks ahead — the programme's id at most, never a client. The URL's token
 * is kept only as its hash; making a new one ends the old ({@code POST /api/me/calendar}, or the on-call page).
 */
@Controller
class CalendarFeed {

	private static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

	private final JdbcClient jdbc;

	private final OnCallRotaStore rota;

	private final CheckinProperties properties;

	private final AuditTrail audit;

	CalendarFeed(JdbcClient jdbc, OnCallRotaStore rota, CheckinProperties properties, AuditTrail audit) {
		this.jdbc = jdbc;
		this.rota = rota;
		this.properties = properties;
		this.audit = audit;
	}

	@GetMapping("/calendar/{token}.ics")
	ResponseEntity<byte[]> feed(@PathVariable String token) {
		String username = jdbc.sql("select username from staff_user where calendar_token_hash = ? and enabled")
			.param(LinkTokens.hash(token))
			.query(String.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("calendar"));
		Calendar calendar = new Calendar().withProdId("-//Lantern//On call//EN").withDefaults().getFluentTarget();
		for (OnCallRota.Shift shift : rota.shifts()) {
			boolean primary = username.equals(shift.primary());
			if (!primary && !username.equals(shift.fallback())) {
				continue;
			}
			String what = (primary ? "On call" : "Standing in (fallback)")
					+ (shift.programme() == null ? " (Lantern)" : " (Lantern: " + shift.programme() + ")");
			VEvent event = new VEvent(shift.startsAt(), shift.endsAt(), what);
			event.add(new Uid(shift.id() + (primary ? ":primary" : ":fallback") + "@lantern"));
			calendar.add(event);
		}
		ByteArrayOutputStream ics = new ByteArrayOutputStream();
		try {
			new CalendarOutputter().output(calendar, ics);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ValidationException ex) {
			throw new IllegalStateException("the calendar does not validate", ex);
		}
		return ResponseEntity.ok().contentType(CALENDAR).header("Cache-Control", "private, max-age=300")
			.body(ics.toByteArray());
	}

	/** A new private URL for the signed-in staff member's calendar; the old one stops working. */
	@PostMapping("/api/me/calendar")
	@ResponseBody
	Map<String, String> newLink(Principal staff) {
		return Map.of("url", link(staff.getName()));
	}

	@PostMapping("/account/calendar")
	String newLinkInTheConsole(Principal staff, RedirectAttributes redirect) {
		redirect.addFlashAttribute("calendarUrl", link(staff.getName()));
		return "redirect:/on-call";
	}

	private String link(String username) {
		String token = LinkTokens.newToken();
		jdbc.sql("update staff_user set calendar_token_hash = ? where username = ?")
			.params(LinkTokens.hash(token), username).update();
		audit.recordOf("staff " + username, username, "CALENDAR_LINK_MADE", null);
		return properties.publicBaseUrl().replaceAll("/+$", "") + "/calendar/" + token + ".ics";
	}
}
