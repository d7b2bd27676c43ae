package app.lantern.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's admin password: {@code LANTERN_ADMIN_PASSWORD} when set, else the one generated at the first
 * start and kept in the data folder, readable by its owner only.
 */
final class LocalAdminPassword {

	private LocalAdminPassword() {
	}

	static String of(Path data) throws Exception {
		String configured = System.getenv("LANTERN_ADMIN_PASSWORD");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		Path file = data.resolve("admin-password");
		if (Files.exists(file)) {
			return Files.readString(file).trim();
		}
		byte[] random = new byte[12];
		new SecureRandom().nextBytes(random);
		String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		Files.writeString(file, generated + "\n");
		file.toFile().setReadable(false, false);
		file.toFile().setReadable(true, true);
		LocalStack.say("generated the admin password (kept in " + file + ")");
		return generated;
	}
}
