package app.lantern.checkin.console;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import app.lantern.checkin.audit.AuditLog;
import app.lantern.checkin.programmes.StaffAuthority;
import app.lantern.checkin.web.InvalidFieldsException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit trail in the console, for ADMINs, and for a programme's administrator the lines of their programmes
 * ({@code /audit} is restricted in the security configuration).
 */
@Controller
class AuditPage {

	private final AuditLog log;

	private final JdbcClient jdbc;

	private final StaffAuthority authority;

	AuditPage(AuditLog log, JdbcClient jdbc, StaffAuthority authority) {
		this.authority = authority;
		this.log = log;
		this.jdbc = jdbc;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) String clientId, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
		UUID client = null;
		List<AuditLog.Line> lines = List.of();
		try {
			client = clientId == null || clientId.isBlank() ? null : UUID.fromString(clientId.strip());
			lines = log.read(new AuditLog.Filter(client, actor, from, to, 500, authority.managedProgrammes()));
		}
		catch (IllegalArgumentException | InvalidFieldsException wrong) {
			model.addAttribute("formErrors", wrong instanceof InvalidFieldsException invalid ? Words.errors(invalid)
					: List.of("Client id: is not a client id"));
		}
		model.addAttribute("filter", new AuditLog.Filter(client, actor, from, to, null));
		model.addAttribute("lines", lines);
		model.addAttribute("names", names(lines));
		return "console/audit";
	}

	private Map<UUID, String> names(List<AuditLog.Line> lines) {
		UUID[] ids = lines.stream().map(AuditLog.Line::clientId).filter(Objects::nonNull).distinct()
			.toArray(UUID[]::new);
		return jdbc.sql("select id, display_name from client where id = any(?)")
			.param(ids)
			.query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("display_name")))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}
}
