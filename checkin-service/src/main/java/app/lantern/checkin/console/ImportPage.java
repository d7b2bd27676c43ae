package app.lantern.checkin.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import app.lantern.checkin.registry.ClientImport;
import app.lantern.checkin.web.InvalidFieldsException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * Enrolling from a spreadsheet in the console ({@code /clients/import}): a CSV file uploaded, checked whole, and
 * stored — or each wrong row listed with its field and nothing stored, unless the right rows alone are asked for.
 */
@Controller
class ImportPage {

	private final ClientImport imports;

	ImportPage(ClientImport imports) {
		this.imports = imports;
	}

	@GetMapping("/clients/import")
	ModelAndView form() {
		return page(null, List.of(), null, HttpStatus.OK);
	}

	@PostMapping("/clients/import")
	ModelAndView upload(@RequestParam(required = false) MultipartFile file,
			@RequestParam(defaultValue = "false") boolean validOnly, Principal staff) throws IOException {
		String csv = file == null ? null : new String(file.getBytes(), StandardCharsets.UTF_8);
		try {
			ClientImport.Report report = imports.importCsv(csv, validOnly, staff.getName());
			return page(report, report.errors(), null, HttpStatus.OK);
		}
		catch (InvalidFieldsException invalid) {
			return page(null, List.of(), invalid.errors(), HttpStatus.BAD_REQUEST);
		}
	}

	private static ModelAndView page(ClientImport.Report report, List<ClientImport.RowError> rowErrors,
			List<InvalidFieldsException.FieldError> refused, HttpStatus status) {
		ModelAndView page = new ModelAndView("console/import");
		page.addObject("columns", String.join(",", ClientImport.COLUMNS));
		page.addObject("report", report);
		page.addObject("rowErrors", rowErrors);
		page.addObject("refused", refused == null ? List.of() : refused);
		page.setStatus(status);
		return page;
	}
}
