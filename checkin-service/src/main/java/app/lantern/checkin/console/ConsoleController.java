package app.lantern.checkin.console;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.lantern.checkin.alerts.AlertActions;
import app.lantern.checkin.alerts.AlertBoard;
import app.lantern.checkin.alerts.AlertReadModel;
import app.lantern.checkin.audit.AuditTrail;
import app.lantern.checkin.intake.CheckIns;
import app.lantern.checkin.programmes.Programmes;
import app.lantern.checkin.registry.ClientRecords;
import app.lantern.checkin.web.InvalidFieldsException;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.AlertActionType;
import jakarta.servlet.http.HttpSession;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's pages, each showing only the staff user's programmes. Opening a client's page is audited (their
 * record, check-ins and disclosure log); acting on an alert records the staff user; the alert queue updates itself.
 */
@Controller
class ConsoleController {

	private final Caseload caseload;

	private final AlertReadModel alerts;

	private final AlertActions actions;

	private final AlertBoard board;

	private final ClientRecords clients;

	private final CheckIns checkIns;

	private final JdbcClient jdbc;

	private final LiveStream live;

	private final Programmes programmes;

	private final AuditTrail audit;

	private final Clock clock;

	private final CaseworkView casework;

	private final Words words;

	ConsoleController(Caseload caseload, AlertReadModel alerts, AlertActions actions, AlertBoard board,
			ClientRecords clients, CheckIns checkIns, JdbcClient jdbc, LiveStream live, Programmes programmes,
			AuditTrail audit, CaseworkView casework, Clock clock, Words words) {
		this.words = words;
		this.casework = casework;
		this.clock = clock;
		this.live = live;
		this.caseload = caseload;
		this.alerts = alerts;
		this.actions = actions;
		this.board = board;
		this.clients = clients;
		this.checkIns = checkIns;
		this.jdbc = jdbc;
		this.programmes = programmes;
		this.audit = audit;
	}

	/**
	 * The caseload opens on the staff user's own clients (theirs, and a colleague's on leave whom they cover); the
	 * whole programme is one click away ({@code ?all}), and is what someone with no clients of their own sees.
	 */
	@GetMapping("/")
	String caseload(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String all, Model model, Principal staff) {
		String[] scope = programmes.current().ids();
		List<Caseload.Row> mine = all == null ? caseload.rows(q, sort, scope, staff.getName()) : List.of();
		boolean whole = all != null || (mine.isEmpty() && q == null);
		model.addAttribute("rows", whole ? caseload.rows(q, sort, scope, null) : mine);
		model.addAttribute("whole", whole);
		model.addAttribute("noneOfMine", all == null && whole);
		model.addAttribute("q", q);
		model.addAttribute("alerts", alerts.find("OPEN", null, scope).size());
		return "console/caseload";
	}

	@GetMapping("/alerts")
	String alerts(Model model) {
		queue(model);
		return "console/alerts";
	}

	/** The queue's rows alone, fetched again when the stream says something changed. */
	@GetMapping("/alerts/rows")
	String alertRows(Model model) {
		queue(model);
		return "console/alerts :: rows";
	}

	private void queue(Model model) {
		String[] scope = programmes.current().ids();
		model.addAttribute("alerts", alerts.find("OPEN", null, scope));
		model.addAttribute("names", caseload.namesWithOpenAlerts(scope));
	}

	@GetMapping(path = "/alerts/stream", produces = "text/event-stream")
	SseEmitter stream(Principal staff, HttpSession session) {
		return live.open(staff.getName(), session.getId(), programmes.current());
	}

	@PostMapping("/alerts/{id}/acknowledge")
	String acknowledge(@PathVariable UUID id, @RequestParam(required = false) String note,
			@RequestParam(required = false) String back, Principal staff, RedirectAttributes redirect) {
		return act(id, AlertActionType.ACKNOWLEDGE, new AlertActions.StaffNote(null, note), back, staff, redirect);
	}

	@PostMapping("/alerts/{id}/resolve")
	String resolve(@PathVariable UUID id, @RequestParam(required = false) String note,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String back,
			Principal staff, RedirectAttributes redirect) {
		return act(id, AlertActionType.RESOLVE, new AlertActions.StaffNote(outcome, note), back, staff, redirect);
	}

	/**
	 * The action is recorded on the outbox; the page shows it at once ({@code pending}) while the alert service
	 * confirms it. {@code back}: the client page it came from, or the queue.
	 */
	private String act(UUID id, AlertActionType action, AlertActions.StaffNote note, String back, Principal staff,
			RedirectAttributes redirect) {
		try {
			AlertReadModel.AlertView alert = actions.byStaff(id, action, staff.getName(), note);
			redirect.addFlashAttribute("pending", Map.of(id.toString(),
					action == AlertActionType.RESOLVE ? "RESOLVED" : "ACKNOWLEDGED"));
			redirect.addFlashAttribute("notice", action == AlertActionType.RESOLVE ? "Alert resolved." : "Alert acknowledged.");
			return "client".equals(back) ? "redirect:/clients/" + alert.clientId() : "redirect:/alerts";
		}
		catch (InvalidFieldsException invalid) {
			redirect.addFlashAttribute("formErrors", Words.errors(invalid));
			return "redirect:/alerts";
		}
	}

	@GetMapping("/board")
	String board(@RequestParam(required = false) Integer days, Model model) {
		model.addAttribute("lines", board.lines(programmes.current().ids(), days == null ? 30 : days));
		model.addAttribute("days", days == null ? 30 : days);
		return "console/board";
	}

	@GetMapping("/clients/{id}")
	String client(@PathVariable UUID id, Model model, Principal staff) {
		var client = clients.find(id).orElseThrow(() -> new NotFoundException("client"));
		model.addAttribute("client", client);
		model.addAttribute("programme", programmes.find(client.programme()).orElseThrow());
		List<CheckIns.CheckInView> history = checkIns.history(id, 60);
		model.addAttribute("checkIns", history);
		Instant now = clock.instant();
		Instant from = client.schedule().effectiveFrom().isAfter(client.enrolledAt()) ? client.schedule().effectiveFrom()
				: client.enrolledAt();
		List<Instant> received = checkIns.receivedSince(id, now.minus(KeptDueTimes.RECENT).minus(KeptDueTimes.BASELINE));
		ZoneId clientZone = ZoneId.of(client.timezone());
		model.addAttribute("kept", KeptDueTimes.of(received, client.schedule().asKept(), clientZone, from, now).describe());
		Instant chartFrom = now.minus(Charts.WINDOW);
		List<Instant> missed = "ACTIVE".equals(client.status()) ? KeptDueTimes.missed(received,
				client.schedule().asKept(), clientZone, from.isAfter(chartFrom) ? from : chartFrom, now) : List.of();
		model.addAttribute("chart", Charts.overTime(history, missed, chartFrom, now));
		List<AlertReadModel.AlertView> alertsOfTheClient = alerts.find(null, id, programmes.current().ids());
		model.addAttribute("alerts", alertsOfTheClient);
		model.addAttribute("disclosures", jdbc.sql("""
				select d.at, d.alert_type, d.recipient, d.recipient_role, d.channel, d.status, d.reason, d.consent_id,
				  d.recipient_name
				from disclosure d where d.client_id = ? order by d.at desc limit 200""").param(id).query().listOfRows());
		model.addAttribute("timeline", Timeline.of(history, alertsOfTheClient, casework.addTo(model, id), words));
		// the page shows the record, the check-ins, the alerts, the case notes and the disclosure log: each viewing
		// is accounted for
		audit.viewed(id, staff.getName(), "RECORD");
		audit.viewed(id, staff.getName(), "CHECK_INS");
		audit.viewed(id, staff.getName(), "ALERTS");
		audit.viewed(id, staff.getName(), "CASE_NOTES");
		audit.viewed(id, staff.getName(), "DISCLOSURES");
		return "console/client";
	}
}
