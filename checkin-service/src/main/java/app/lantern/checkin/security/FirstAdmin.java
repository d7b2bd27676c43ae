package app.lantern.checkin.security;

import java.security.SecureRandom;
import java.util.Base64;

import app.lantern.checkin.CheckinProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the ADMIN user {@code admin} on first start, with {@code LANTERN_ADMIN_PASSWORD}; when that is
 * unset, with a generated password printed once (the only time it is shown).
 */
@Component
class FirstAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	static final String USERNAME = "admin";

	private final StaffUsers users;

	private final CheckinProperties properties;

	FirstAdmin(StaffUsers users, CheckinProperties properties) {
		this.users = users;
		this.properties = properties;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (users.exists(USERNAME)) {
			return;
		}
		String password = properties.adminPassword();
		if (password == null || password.isBlank()) {
			byte[] random = new byte[18];
			new SecureRandom().nextBytes(random);
			password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			log.warn("No LANTERN_ADMIN_PASSWORD was set: created user 'admin' with the password {} "
					+ "(shown once; change it or set LANTERN_ADMIN_PASSWORD before the first start)", password);
		}
		users.create(USERNAME, password, "ADMIN");
	}
}
