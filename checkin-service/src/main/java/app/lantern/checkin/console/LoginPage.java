package app.lantern.checkin.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, with Lantern's name on it (Spring Security's own page says only "Please sign in"). */
@Controller
class LoginPage {

	@GetMapping("/login")
	String login() {
		return "console/login";
	}
}
