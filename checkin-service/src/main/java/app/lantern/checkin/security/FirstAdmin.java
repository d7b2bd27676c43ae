package app.lantern.checkin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import app.lantern.checkin.CheckinProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the ADMIN user {@code admin} on first start, with {@code LANTERN_ADMIN_PASSWORD}; when that is unset,
 * with a generated password written to a file only this user can read ({@code LANTERN_ADMIN_PASSWORD_FILE}),
 * and shown in the log only in the local sandbox. On later starts a {@code LANTERN_ADMIN_PASSWORD} that no longer
 * matches the stored one is reported (it counts only on the first start) instead of silently ignored.
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
		String given = properties.adminPassword();
		if (users.exists(USERNAME)) {
			if (given != null && !given.isBlank() && !users.passwordMatches(USERNAME, given)) {
				log.warn("LANTERN_ADMIN_PASSWORD does not match the stored password of 'admin': it is used only on "
						+ "the first start. Sign in with the current password (or unset the variable) to stop this "
						+ "warning");
			}
			return;
		}
		if (given != null && !given.isBlank()) {
			users.create(USERNAME, given, "ADMIN");
			return;
		}
		byte[] random = new byte[18];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		users.create(USERNAME, password, "ADMIN");
		Path file = Path.of(properties.adminPasswordFile());
		write(file, password);
		if (properties.sandbox()) {
			log.warn("Sandbox: created user 'admin' with the password {} (also in {})", password, file);
		}
		else {
			log.warn("No LANTERN_ADMIN_PASSWORD was set: created user 'admin'; its generated password is in {}, "
					+ "readable only by this user. Sign in, then delete the file", file);
		}
	}

	/** Writes the password to a new file with owner-only permissions from its creation. */
	static void write(Path file, String password) {
		try {
			if (file.getParent() != null) {
				Files.createDirectories(file.getParent());
			}
			Files.deleteIfExists(file);
			try {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			catch (UnsupportedOperationException notPosix) {
				Files.createFile(file);
			}
			Files.writeString(file, password + System.lineSeparator());
		}
		catch (FileAlreadyExistsException raced) {
			throw new IllegalStateException("the admin password file appeared while it was being written: " + file,
					raced);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("the admin password file could not be written: " + file, ex);
		}
	}
}
