package app.lantern.checkin.console;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import app.lantern.checkin.alerts.AlertActions;
import app.lantern.checkin.alerts.AlertReadModel;
import app.lantern.checkin.intake.CheckIns;
import app.lantern.checkin.registry.ClientRecords;
import app.lantern.checkin.web.NotFoundException;
import app.lantern.events.AlertActionType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The console's pages. Acting on an alert records the staff user; the alert queue updates itself. */
@Controller
class ConsoleController {

	private final Caseload caseload;

	private final AlertReadModel alerts;

	private final AlertActions actions;

	private final ClientRecords clients;

	private final CheckIns checkIns;

	private final JdbcClient jdbc;

	private final LiveStream live;

	ConsoleController(Caseload caseload, AlertReadModel alerts, AlertActions actions, ClientRecords clients,
			CheckIns checkIns, JdbcClient jdbc, LiveStream live) {
		this.live = live;
		this.caseload = caseload;
		this.alerts = alerts;
		this.actions = actions;
		this.clients = clients;
		this.checkIns = checkIns;
		this.jdbc = jdbc;
	}

	@GetMapping("/")
	String caseload(@RequestParam(required = false) String q, @RequestParam(required = false) String sort, Model model) {
		model.addAttribute("rows", caseload.rows(q, sort));
		model.addAttribute("q", q);
		model.addAttribute("alerts", alerts.find("OPEN", null).size());
		return "console/caseload";
	}

	@GetMapping("/alerts")
	String alerts(Model model) {
		model.addAttribute("alerts", alerts.find("OPEN", null));
		model.addAttribute("names", names());
		return "console/alerts";
	}

	/** The queue's rows alone, fetched again when the stream says something changed. */
	@GetMapping("/alerts/rows")
	String alertRows(Model model) {
		model.addAttribute("alerts", alerts.find("OPEN", null));
		model.addAttribute("names", names());
		return "console/alerts :: rows";
	}

	@GetMapping(path = "/alerts/stream", produces = "text/event-stream")
	SseEmitter stream() {
		return live.open();
	}

	@PostMapping("/alerts/{id}/acknowledge")
	String acknowledge(@PathVariable UUID id, Principal staff) {
		actions.byStaff(id, AlertActionType.ACKNOWLEDGE, staff.getName());
		return "redirect:/alerts";
	}

	@PostMapping("/alerts/{id}/resolve")
	String resolve(@PathVariable UUID id, Principal staff) {
		actions.byStaff(id, AlertActionType.RESOLVE, staff.getName());
		return "redirect:/alerts";
	}

	@GetMapping("/clients/{id}")
	String client(@PathVariable UUID id, Model model) {
		model.addAttribute("client", clients.find(id).orElseThrow(() -> new NotFoundException("client")));
		List<CheckIns.CheckInView> history = checkIns.history(id, 60);
		model.addAttribute("checkIns", history);
		model.addAttribute("chart", Charts.cravingAndMood(history));
		model.addAttribute("alerts", alerts.find(null, id));
		model.addAttribute("disclosures", jdbc.sql("""
				select at, alert_type, recipient, channel, status, reason, consent_id from disclosure
				where client_id = ? order by at desc limit 200""").param(id).query().listOfRows());
		return "console/client";
	}

	private java.util.Map<UUID, String> names() {
		return caseload.namesWithOpenAlerts();
	}
}
