package app.lantern.checkin.console;

import app.lantern.checkin.programmes.ProgrammeScope;
import app.lantern.checkin.programmes.Programmes;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows: the zone its times are shown in (the staff user's programme's — the default
 * programme's when they work in it, else their first), and whether the staff user is an ADMIN.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

	private final Programmes programmes;

	ConsoleModel(Programmes programmes) {
		this.programmes = programmes;
	}

	@ModelAttribute
	void everyPage(Model model) {
		ProgrammeScope scope = programmes.current();
		String zone = programmes.all().stream()
			.filter(programme -> scope.includes(programme.id()))
			.sorted((a, b) -> Boolean.compare(!a.id().equals(Programmes.DEFAULT), !b.id().equals(Programmes.DEFAULT)))
			.map(programme -> programme.timezone().getId())
			.findFirst()
			.orElse("UTC");
		model.addAttribute("zone", zone);
		model.addAttribute("admin", scope.everything());
	}
}
