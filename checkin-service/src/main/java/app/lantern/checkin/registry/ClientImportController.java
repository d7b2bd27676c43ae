package app.lantern.checkin.registry;

import java.security.Principal;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clients enrolled from a spreadsheet: {@code POST /api/clients/import} with the CSV as the body ({@code text/csv}).
 * All rows right: 200 with the report (how many stored, when their welcomes go). A wrong row: 400 naming each as
 * {@code rows[N].field}, nothing stored — or, with {@code validOnly=true}, the right rows stored and the wrong ones
 * in the report.
 */
@RestController
class ClientImportController {

	private final ClientImport imports;

	ClientImportController(ClientImport imports) {
		this.imports = imports;
	}

	@PostMapping(path = "/api/clients/import", consumes = { "text/csv", "text/plain" })
	ClientImport.Report importCsv(@RequestBody(required = false) String csv,
			@RequestParam(defaultValue = "false") boolean validOnly, Principal staff) {
		return imports.importCsv(csv, validOnly, staff.getName());
	}
}
